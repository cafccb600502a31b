/** The GPIO driver: Raspberry Pi pins as channels through Pi4J 2.8.0 (digital in with edges, digital out, PWM). */
package io.outpost.driver.gpio;
