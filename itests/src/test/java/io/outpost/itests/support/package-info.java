/** Helpers the OSGi integration tests share: real peers (Mosquitto), free ports, waiting, configurations. */
package io.outpost.itests.support;
