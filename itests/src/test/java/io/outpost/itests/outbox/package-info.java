/** The durable outbox against a real Mosquitto through the real MQTT link. */
package io.outpost.itests.outbox;
