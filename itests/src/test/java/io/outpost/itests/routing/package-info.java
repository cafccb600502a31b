/**
 * The router with the real outbox, two real MQTT link instances (wired, cellular data) through TCP relays to a real
 * Mosquitto, and the real SMS and SBD links against the simulated modems on socat pseudo-terminals.
 */
package io.outpost.itests.routing;
