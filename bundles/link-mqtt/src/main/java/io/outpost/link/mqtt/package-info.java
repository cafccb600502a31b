/**
 * The wired link: publishes outbound messages to an MQTT broker with Eclipse Paho at QoS 1 and confirms each
 * on its PUBACK. The cloud profile decides topics and payloads; this bundle only carries them.
 */
package io.outpost.link.mqtt;
