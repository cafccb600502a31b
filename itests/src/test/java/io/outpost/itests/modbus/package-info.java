/** Integration tests of the Modbus driver against a real pymodbus slave, over TCP and over RTU on a pseudo-terminal pair. */
package io.outpost.itests.modbus;
