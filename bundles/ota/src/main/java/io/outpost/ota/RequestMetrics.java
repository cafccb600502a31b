package io.outpost.ota;

import java.util.Map;
import java.util.Optional;

import io.outpost.api.data.Value;

/**
 * Typed access to a request's metrics, with errors that name the metric. Integers are taken as INT32 or INT64
 * alike: Kura's simple-json has no int32 (kura-wire-facts section 0), so insisting on one would refuse JSON requesters.
 */
final class RequestMetrics {

    /** A metric that is missing or of the wrong type: the message names it; the handler answers 400. */
    static final class BadMetric extends Exception {
        private static final long serialVersionUID = 1L;

        BadMetric(String message) {
            super(message);
        }
    }

    private final Map<String, Value> metrics;

    RequestMetrics(Map<String, Value> metrics) {
        this.metrics = metrics;
    }

    String requireString(String name) throws BadMetric {
        return string(name).orElseThrow(() -> new BadMetric("metric '" + name + "' (string) is missing"));
    }

    Optional<String> string(String name) throws BadMetric {
        Value v = metrics.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Value.StringValue s)) {
            throw new BadMetric("metric '" + name + "' must be a string, is " + v.type());
        }
        return Optional.of(s.value());
    }

    long requireLong(String name) throws BadMetric {
        return number(name).orElseThrow(() -> new BadMetric("metric '" + name + "' (int64) is missing"));
    }

    Optional<Long> number(String name) throws BadMetric {
        Value v = metrics.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Value.Int64Value l) {
            return Optional.of(l.value());
        }
        if (v instanceof Value.Int32Value i) {
            return Optional.of((long) i.value());
        }
        throw new BadMetric("metric '" + name + "' must be an integer, is " + v.type());
    }

    int integer(String name, int fallback, int min, int max) throws BadMetric {
        Optional<Long> n = number(name);
        if (n.isEmpty()) {
            return fallback;
        }
        if (n.get() < min || n.get() > max) {
            throw new BadMetric("metric '" + name + "' " + n.get() + " is out of range " + min + "-" + max);
        }
        return n.get().intValue();
    }

    boolean bool(String name, boolean fallback) throws BadMetric {
        Value v = metrics.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Value.BooleanValue b)) {
            throw new BadMetric("metric '" + name + "' must be a boolean, is " + v.type());
        }
        return b.value();
    }
}
