package io.outpost.bench.filter;

import java.util.List;
import java.util.Map;

import io.outpost.filter.ThresholdRule;

/** The example rules of features/filter/etc for the simulated device, for devices named dev*. */
final class Sim1Rules {

    private Sim1Rules() {
    }

    static List<ThresholdRule> all() {
        return List.of(
            ThresholdRule.parse("temperature", Map.of("device", "dev*", "channel", "temperature", "low", "19", "high", "25",
                "hysteresis", "0.5", "deadband", "0.5", "heartbeatSeconds", "300")),
            ThresholdRule.parse("humidity", Map.of("device", "dev*", "channel", "humidity", "deadband", "5", "deadbandPercent", "true",
                "minIntervalSeconds", "10", "heartbeatSeconds", "600")),
            ThresholdRule.parse("energy", Map.of("device", "dev*", "channel", "energy", "deadband", "500", "heartbeatSeconds", "900")),
            ThresholdRule.parse("door", Map.of("device", "dev*", "channel", "door", "alarmWhen", "true", "heartbeatSeconds", "300")));
    }
}
