package io.outpost.api.hq.alert;

import java.util.Objects;
import java.util.Optional;

/**
 * Which alerts {@link AlertService#alerts(AlertFilter, int)} answers: of one state or any, acknowledged or not or
 * either (since 1.1).
 */
public record AlertFilter(Optional<AlertState> state, Optional<Boolean> acknowledged) {

    /** The firing alerts, acknowledged or not. */
    public static final AlertFilter FIRING = new AlertFilter(Optional.of(AlertState.FIRING), Optional.empty());
    /** Every alert. */
    public static final AlertFilter ALL = new AlertFilter(Optional.empty(), Optional.empty());

    public AlertFilter {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(acknowledged, "acknowledged");
    }

    public boolean test(AlertRecord alert) {
        return state.map(s -> s == alert.state()).orElse(true)
                && acknowledged.map(a -> a == alert.acknowledgedAt().isPresent()).orElse(true);
    }
}
