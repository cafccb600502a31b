/**
 * Integration tests of the cloud side: the MQTT link over TLS and mutual TLS against a real Mosquitto with
 * certificates made by the openssl CLI, and the real Kura profile on the wire (birth, data, last will, DC).
 */
package io.outpost.itests.cloud;
