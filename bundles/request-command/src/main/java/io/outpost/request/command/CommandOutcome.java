package io.outpost.request.command;

import java.util.OptionalInt;

/**
 * How a command ended. Immutable.
 *
 * @param exitCode  the exit code (0 for a Gogo command that returned), empty when it timed out
 * @param truncated whether stdout or stderr lost bytes beyond the limit
 */
record CommandOutcome(String stdout, String stderr, OptionalInt exitCode, boolean timedOut, boolean truncated) {
}
