/** Integration tests of the core runtime: sampler, sim driver, hot deploy, local broker, MQTT link. */
package io.outpost.itests.core;
