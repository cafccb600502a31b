package io.outpost.bench.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.filter.FilterTotals;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.filter.DefaultAction;
import io.outpost.filter.MessageSize;
import io.outpost.filter.ReadingFilter;
import io.outpost.filter.ThresholdRule;

/**
 * A day of 1 Hz room temperature through the filter, generated deterministically: a daily swing of 20..23 degC,
 * sensor noise, 0.05 degC resolution, and a few excursions (a cold night, two hot spells, a short spike, one
 * that stops just short of the limit). Prints readings in, messages out, bytes against periodic reporting, and
 * checks that every limit crossing in the trace gave exactly one raise and one clear, at the right samples.
 * Exits with status 1 when the check fails.
 */
public final class TemperatureDayTrace {

    static final double LOW = 19;
    static final double HIGH = 25;
    static final double HYSTERESIS = 0.5;
    static final String DEVICE = "room";
    static final String CHANNEL = "temperature";
    static final int SECONDS = 24 * 3600;

    /** An excursion: from {@code start} the value ramps to {@code peak} in {@code ramp} s, holds {@code hold} s, ramps back. */
    record Excursion(String what, int start, int ramp, int hold, double peak) {
    }

    static final List<Excursion> EXCURSIONS = List.of(
        new Excursion("cold night, heating off", 3 * 3600 + 600, 900, 1200, 17.6),
        new Excursion("hot spell, slow approach with noise at the limit", 10 * 3600 + 1800, 2400, 1800, 25.9),
        new Excursion("sun on the sensor", 14 * 3600, 600, 900, 26.8),
        new Excursion("short spike", 19 * 3600 + 2700, 60, 120, 27.5),
        new Excursion("near miss (no alarm expected)", 22 * 3600, 900, 600, 24.9));

    public static void main(String[] args) {
        double[] trace = generate(42);
        long start = 1_767_225_600_000L; // 2026-01-01T00:00Z
        TraceClock clock = new TraceClock();
        List<UpstreamMessage> sent = new ArrayList<>();
        ReadingFilter filter = new ReadingFilter(clock, DefaultAction.PASS_ALL, m -> {
            sent.add(m);
            return java.util.concurrent.CompletableFuture.completedFuture(io.outpost.api.upstream.Acknowledgement.durable());
        }, null);
        filter.rules(List.of(ThresholdRule.parse("room-temperature", Map.of("device", DEVICE, "channel", CHANNEL,
            "low", LOW, "high", HIGH, "hysteresis", HYSTERESIS, "deadband", 0.5, "heartbeatSeconds", 300))));
        long nanos = System.nanoTime();
        for (int s = 0; s < trace.length; s++) {
            long t = start + s * 1000L;
            clock.set(t);
            filter.accept(List.of(Reading.good(DEVICE, CHANNEL, Value.of(trace[s]), "degC", t)));
        }
        nanos = System.nanoTime() - nanos;

        FilterTotals totals = filter.totals();
        long periodic1s = totals.bytesUnfiltered();
        long oneMessage = MessageSize.header("data/" + DEVICE) + MessageSize.metric(CHANNEL, Value.of(21.0));
        long periodic60s = oneMessage * (SECONDS / 60);
        System.out.printf(Locale.ROOT, "trace: %d readings (1 Hz, one day), rule low=%.1f high=%.1f hysteresis=%.1f deadband=0.5 heartbeat=300 s%n",
            trace.length, LOW, HIGH, HYSTERESIS);
        System.out.printf(Locale.ROOT, "readings in:   %d (filtered in %.1f ms)%n", totals.readingsIn(), nanos / 1e6);
        System.out.printf(Locale.ROOT, "messages out:  %d (alarm %d, event %d, telemetry %d)%n", sent.size(), totals.alarmMessages(),
            totals.eventMessages(), totals.telemetryMessages());
        System.out.printf(Locale.ROOT, "bytes out:     %d with the filter%n", totals.bytesFiltered());
        System.out.printf(Locale.ROOT, "               %d periodic every reading (1 s): %.1f%% fewer with the filter%n", periodic1s,
            100.0 * (periodic1s - totals.bytesFiltered()) / periodic1s);
        System.out.printf(Locale.ROOT, "               %d periodic every 60 s (which would report an excursion up to a minute late): %.1f%% fewer%n",
            periodic60s, 100.0 * (periodic60s - totals.bytesFiltered()) / periodic60s);

        List<long[]> expected = crossings(trace, start);
        List<long[]> seen = alarms(sent);
        System.out.printf(Locale.ROOT, "crossings in the trace: %d (generated excursions: %d, of which %d reach a limit)%n",
            expected.size(), EXCURSIONS.size(), EXCURSIONS.size() - 1);
        int naive = 0;
        for (int s = 1; s < trace.length; s++) {
            naive += (trace[s - 1] <= HIGH && trace[s] > HIGH) || (trace[s - 1] >= LOW && trace[s] < LOW) ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "raw samples stepping past a limit: %d (noise at the limit; without hysteresis each would be an alarm)%n", naive);
        boolean ok = expected.size() == EXCURSIONS.size() - 1 && expected.size() == seen.size();
        for (int i = 0; i < Math.max(expected.size(), seen.size()); i++) {
            long[] e = i < expected.size() ? expected.get(i) : null;
            long[] a = i < seen.size() ? seen.get(i) : null;
            boolean match = e != null && a != null && e[0] == a[0] && e[1] == a[1] && e[2] == a[2];
            ok &= match;
            System.out.printf(Locale.ROOT, "  %s %s%n", match ? "ok  " : "FAIL", describe(e, a, start));
        }
        System.out.println();
        System.out.print("outpost:filter after the day:\n" + io.outpost.filter.FilterCommand.table(filter));
        System.out.println();
        System.out.println(ok ? "every crossing produced exactly one raise and one clear; no missed crossing"
            : "CROSSING CHECK FAILED");
        if (!ok) {
            System.exit(1);
        }
    }

    private static String describe(long[] expected, long[] seen, long start) {
        long[] x = expected != null ? expected : seen;
        return String.format(Locale.ROOT, "%s limit: crossed at %s, back inside at %s; filter: %s",
            x[0] == 1 ? "high" : "low", clock(x[1], start), clock(x[2], start),
            seen == null ? "nothing" : "raised at " + clock(seen[1], start) + ", cleared at " + clock(seen[2], start));
    }

    private static String clock(long millis, long start) {
        long s = (millis - start) / 1000;
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    static double[] generate(long seed) {
        Random random = new Random(seed);
        double[] v = new double[SECONDS];
        for (int s = 0; s < SECONDS; s++) {
            double base = 21.5 + 1.5 * Math.sin(2 * Math.PI * (s - 9 * 3600) / SECONDS);
            double value = base;
            for (Excursion e : EXCURSIONS) {
                double w = weight(e, s);
                if (w > 0) {
                    value = base + w * (e.peak() - base);
                }
            }
            value += random.nextGaussian() * 0.04;
            v[s] = Math.round(value * 20) / 20.0;
        }
        return v;
    }

    private static double weight(Excursion e, int s) {
        int t = s - e.start();
        if (t < 0 || t > 2 * e.ramp() + e.hold()) {
            return 0;
        }
        if (t < e.ramp()) {
            return (double) t / e.ramp();
        }
        if (t < e.ramp() + e.hold()) {
            return 1;
        }
        return 1 - (double) (t - e.ramp() - e.hold()) / e.ramp();
    }

    /**
     * The crossings, straight from the definition: an excursion above high starts at the first sample above it and
     * ends at the first later sample below high - hysteresis; below low likewise. Each as {limit (1 high, 0 low),
     * start millis, end millis}.
     */
    static List<long[]> crossings(double[] trace, long start) {
        List<long[]> out = new ArrayList<>();
        int kind = -1;
        long since = 0;
        for (int s = 0; s < trace.length; s++) {
            long t = start + s * 1000L;
            if (kind == -1 && trace[s] > HIGH) {
                kind = 1;
                since = t;
            } else if (kind == -1 && trace[s] < LOW) {
                kind = 0;
                since = t;
            } else if ((kind == 1 && trace[s] < HIGH - HYSTERESIS) || (kind == 0 && trace[s] > LOW + HYSTERESIS)) {
                out.add(new long[] {kind, since, t});
                kind = -1;
            }
        }
        return out;
    }

    /** Raise/clear pairs from the alarm messages, in the same shape; an unpaired or out-of-order message breaks the pairing. */
    static List<long[]> alarms(List<UpstreamMessage> sent) {
        List<long[]> out = new ArrayList<>();
        long[] open = null;
        for (UpstreamMessage m : sent) {
            if (m.messageClass() != MessageClass.ALARM) {
                continue;
            }
            long kind = m.metrics().get("limit").toString().equals("high") ? 1 : 0;
            boolean raised = m.metrics().get("state").toString().equals("raised");
            if (raised && open == null) {
                open = new long[] {kind, m.timestamp(), -1};
            } else if (!raised && open != null && open[0] == kind) {
                open[2] = m.timestamp();
                out.add(open);
                open = null;
            } else {
                out.add(new long[] {kind, m.timestamp(), -1});
                open = null;
            }
        }
        if (open != null) {
            out.add(open);
        }
        return out;
    }
}
