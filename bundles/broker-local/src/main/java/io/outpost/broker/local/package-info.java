/** The embedded MQTT broker: Moquette inside the runtime, for a gateway with no broker of its own and for HQ. */
package io.outpost.broker.local;
