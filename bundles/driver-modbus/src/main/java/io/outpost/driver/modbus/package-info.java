/**
 * The {@code modbus} driver: Modbus TCP and RTU masters on j2mod, with neighbouring reads merged into block
 * requests, typed register decoding and coil/holding-register writes. Not exported.
 */
package io.outpost.driver.modbus;
