/** Operator commands in the Gogo shell (scope {@code outpost}): devices, channels, read, write. */
package io.outpost.device.shell;
