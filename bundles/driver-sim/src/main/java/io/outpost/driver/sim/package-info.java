/** The simulated-device driver: channels that follow a waveform, so the gateway has data with no hardware. */
package io.outpost.driver.sim;
