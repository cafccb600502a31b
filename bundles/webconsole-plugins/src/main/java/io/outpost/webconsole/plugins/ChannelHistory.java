package io.outpost.webconsole.plugins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.outpost.api.data.Reading;

/**
 * The last {@code window} milliseconds of numeric values per channel (device/channel), for the dashboard's charts.
 * A reading is kept once (by timestamp); each channel keeps at most {@link #MAX_POINTS} points.
 */
final class ChannelHistory {

    static final int MAX_POINTS = 600;

    record Point(long time, double value) {
    }

    private final long window;
    private final Map<String, ArrayList<Point>> byChannel = new LinkedHashMap<>();

    ChannelHistory(long windowMillis) {
        this.window = windowMillis;
    }

    static String key(Reading r) {
        return r.device() + "/" + r.channel();
    }

    synchronized void add(Reading r, long now) {
        ArrayList<Point> points = byChannel.computeIfAbsent(key(r), k -> new ArrayList<>());
        if (r.isGood() && r.value() != null && (points.isEmpty() || points.get(points.size() - 1).time() < r.timestamp())) {
            points.add(new Point(r.timestamp(), r.value().asDouble()));
        }
        int drop = 0;
        while (drop < points.size() && (points.get(drop).time() < now - window || points.size() - drop > MAX_POINTS)) {
            drop++;
        }
        if (drop > 0) {
            points.subList(0, drop).clear();
        }
    }

    synchronized List<Point> points(String key) {
        List<Point> p = byChannel.get(key);
        return p == null ? List.of() : List.copyOf(p);
    }

    synchronized void retain(java.util.Set<String> keys) {
        byChannel.keySet().retainAll(keys);
    }
}
