package io.outpost.api.hq;

import java.time.Instant;

/** One stored value of a channel: a number (booleans as 0/1), or text when the value was not a number. */
public record Sample(Instant time, Double number, String text) {
}
