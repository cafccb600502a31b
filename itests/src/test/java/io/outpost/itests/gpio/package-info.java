/** Integration tests of the GPIO driver on Pi4J's mock platform, inside the real framework. */
package io.outpost.itests.gpio;
