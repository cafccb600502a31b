/**
 * The wired link: publishes outbound messages to an MQTT broker with Eclipse Paho at QoS 1 and confirms each
 * on its PUBACK. The cloud profile decides topics and payloads; this bundle only carries them. Resends belong to
 * the outbox: each connection uses a fresh Paho client, so Paho never replays anything. See docs/link-mqtt.md.
 */
package io.outpost.link.mqtt;
