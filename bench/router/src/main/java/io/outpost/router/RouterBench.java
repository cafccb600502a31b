package io.outpost.router;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.outpost.api.data.Value;
import io.outpost.api.link.Link;
import io.outpost.api.link.LinkCost;
import io.outpost.api.link.LinkDescriptor;
import io.outpost.api.link.LinkKind;
import io.outpost.api.link.LinkState;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.link.WireSize;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.codec.compact.Frames;
import io.outpost.codec.compact.MessageBody;
import io.outpost.codec.compact.MessageSplitter;
import io.outpost.codec.compact.SmsText;

/**
 * A day of one site's messages through the real {@link CostRouter} (its rules, hold-down, budgets and accounting)
 * on a simulated clock, under a scripted outage pattern, next to the naive policy "everything over the first link
 * that is up". The links are simulated: each takes a fixed time per delivery (modems one at a time) and is up or
 * down as the script says; message sizes are the real compact encoding (SMS, SBD, split into frames where needed)
 * and a JSON-like size for MQTT. Prints bytes, messages and cost per link, alarm delays, what was lost.
 *
 * <p>Run: {@code java -cp target/classes:$(cat target/classpath.txt) io.outpost.router.RouterBench}
 */
public final class RouterBench {

    static final long DAY = 86_400;
    static final MessageClass[] ALL = MessageClass.values();

    /** A simulated link: its descriptor, seconds per delivery, deliveries at once, and its outages (start, end) in seconds of the day. */
    record SimSpec(String id, LinkDescriptor descriptor, double secondsPerDelivery, int window, long[][] outages, Sizer sizer) {
        boolean up(long t) {
            for (long[] o : outages) {
                if (t >= o[0] && t < o[1]) {
                    return false;
                }
            }
            return true;
        }
    }

    interface Sizer {
        /** The wire size, or null when the link cannot carry it. */
        WireSize size(UpstreamMessage m);
    }

    static final Sizer MQTT = m -> {
        StringBuilder json = new StringBuilder("{");
        m.metrics().forEach((k, v) -> json.append('"').append(k).append("\":").append(v.asObject()).append(','));
        return WireSize.of(json.length() + m.topic().length() + 40 + 2 + 5);
    };
    static final Sizer SMS = m -> {
        int frame = MessageBody.encode(m).length + Frames.OVERHEAD_BYTES;
        return frame <= SmsText.MAX_FRAME_BYTES ? WireSize.of(frame) : null;
    };
    static final Sizer SBD = m -> {
        try {
            List<byte[]> bodies = MessageSplitter.split(m, 340);
            return new WireSize(MessageSplitter.frameBytes(bodies), bodies.size());
        } catch (IllegalArgumentException e) {
            return null;
        }
    };

    static final long[][] WIRED_DOWN = {{2 * 3600, 4 * 3600}, {10 * 3600, 12 * 3600}, {18 * 3600, 18 * 3600 + 600}};
    static final long[][] DATA_DOWN = {{10 * 3600, 12 * 3600}, {18 * 3600, 18 * 3600 + 600}};
    static final long[][] NETWORK_DOWN = {{10 * 3600 + 1800, 11 * 3600 + 1800}, {18 * 3600, 18 * 3600 + 600}};
    static final long[][] SKY_DOWN = {{18 * 3600, 18 * 3600 + 600}};

    static List<SimSpec> links() {
        return List.of(
            new SimSpec("wired", new LinkDescriptor(LinkKind.WIRED, new LinkCost(0, 0, 30), 0, EnumSet.allOf(MessageClass.class), 10), 0.05, 100,
                WIRED_DOWN, MQTT),
            new SimSpec("cellular-data", new LinkDescriptor(LinkKind.CELLULAR, new LinkCost(0.002, 0, 0), 10, EnumSet.allOf(MessageClass.class), 15),
                0.5, 20, DATA_DOWN, MQTT),
            new SimSpec("cellular-sms", new LinkDescriptor(LinkKind.CELLULAR, new LinkCost(0, 0.09, 0), 5, EnumSet.of(MessageClass.ALARM), 20), 5,
                1, NETWORK_DOWN, SMS),
            new SimSpec("satellite", new LinkDescriptor(LinkKind.SATELLITE, new LinkCost(0, 0.15, 15), 30,
                EnumSet.of(MessageClass.ALARM, MessageClass.EVENT), 30), 20, 1, SKY_DOWN, SBD));
    }

    /** One message of the day: when it was made, what it is, and when it went out on which link. */
    static final class Item implements Comparable<Item> {
        final long id;
        final long createdAt;
        final UpstreamMessage message;
        final Set<String> refusedBy = new HashSet<>();
        double deliveredAt = -1;
        String link;

        Item(long id, long createdAt, UpstreamMessage message) {
            this.id = id;
            this.createdAt = createdAt;
            this.message = message;
        }

        @Override
        public int compareTo(Item o) {
            int c = message.messageClass().compareTo(o.message.messageClass());
            return c != 0 ? c : Long.compare(id, o.id);
        }
    }

    /** The day's messages: telemetry every minute (8 readings), an event every 15 minutes, 24 alarms at scripted times. */
    static List<Item> day(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Item> items = new ArrayList<>();
        long id = 0;
        long base = Instant.parse("2026-12-02T00:00:00Z").toEpochMilli();
        for (long t = 0; t < DAY; t++) {
            if (t % 60 == 0) {
                Map<String, Value> m = new LinkedHashMap<>();
                for (int i = 0; i < 8; i++) {
                    m.put("ch" + i, Value.of((float) (20 + random.nextDouble() * 5)));
                }
                items.add(new Item(id++, t, new UpstreamMessage(MessageClass.TELEMETRY, "data/site", base + t * 1000, m)));
            }
            if (t % 900 == 450) {
                items.add(new Item(id++, t, new UpstreamMessage(MessageClass.EVENT, "data/site", base + t * 1000,
                    Map.of("pump", Value.of(random.nextBoolean() ? "ON" : "OFF"), "flow", Value.of((float) random.nextDouble() * 10)))));
            }
            if (t % 3600 == 1234 || t == 18 * 3600 + 100 || t == 10 * 3600 + 2000) {
                items.add(new Item(id++, t, new UpstreamMessage(MessageClass.ALARM, "alarms/site", base + t * 1000,
                    Map.of("level", Value.of((float) (90 + random.nextDouble())), "state", Value.of("HIGH")))));
            }
        }
        return items;
    }

    interface Policy {
        /** The link for this item now, or null to wait. */
        String route(Item item, Map<String, Boolean> up, long t);
    }

    /** Figures of one run. */
    record Result(Map<String, double[]> perLink, List<Double> alarmDelays, List<Double> alarmDelaysAfterTotalOutage, long lost, long waitingAtEnd) {
        double cost() {
            return perLink.values().stream().mapToDouble(v -> v[2]).sum();
        }
    }

    /** What the router run does each simulated second and after each delivery (nothing for the naive policy). */
    interface Hooks {
        void tick(long t, Map<String, Boolean> up);

        void delivered(String link, MessageClass c, WireSize size);
    }

    static final Hooks NONE = new Hooks() {
        public void tick(long t, Map<String, Boolean> up) {
        }

        public void delivered(String link, MessageClass c, WireSize size) {
        }
    };

    static Result run(List<SimSpec> specs, Policy policy, Hooks hooks) {
        List<Item> items = day(42);
        Map<String, SimSpec> byId = new LinkedHashMap<>();
        specs.forEach(s -> byId.put(s.id(), s));
        Map<String, double[]> perLink = new LinkedHashMap<>();
        specs.forEach(s -> perLink.put(s.id(), new double[3]));   // bytes, messages, cost
        Map<String, List<double[]>> busy = new HashMap<>();        // per link: end times of deliveries in progress
        specs.forEach(s -> busy.put(s.id(), new ArrayList<>()));
        TreeSet<Item> waiting = new TreeSet<>();
        int next = 0;
        List<Double> delays = new ArrayList<>();
        List<Double> afterOutage = new ArrayList<>();
        for (long t = 0; t < DAY + 6 * 3600; t++) {
            while (next < items.size() && items.get(next).createdAt == t) {
                waiting.add(items.get(next++));
            }
            Map<String, Boolean> up = new HashMap<>();
            for (SimSpec s : specs) {
                up.put(s.id(), s.up(t % DAY == t ? t : DAY));   // after the day every link is up, so the backlog can drain
                final long now = t;
                busy.get(s.id()).removeIf(d -> d[0] <= now);
            }
            hooks.tick(t, up);
            List<Item> sent = new ArrayList<>();
            for (Item item : waiting) {
                String link = policy.route(item, up, t);
                if (link == null) {
                    continue;
                }
                SimSpec s = byId.get(link);
                if (busy.get(link).size() >= s.window()) {
                    continue;
                }
                WireSize size = s.sizer().size(item.message);
                if (size == null) {
                    item.refusedBy.add(link);
                    continue;
                }
                double done = t + s.secondsPerDelivery() * size.parts();
                busy.get(link).add(new double[] {done});
                item.deliveredAt = done;
                item.link = link;
                double[] f = perLink.get(link);
                f[0] += size.bytes();
                f[1] += 1;
                f[2] += s.descriptor().cost().of(size);
                hooks.delivered(link, item.message.messageClass(), size);
                sent.add(item);
                if (item.message.messageClass() == MessageClass.ALARM) {
                    (SKY_DOWN[0][0] <= item.createdAt && item.createdAt < SKY_DOWN[0][1] ? afterOutage : delays).add(done - item.createdAt);
                }
            }
            waiting.removeAll(sent);
        }
        long lostAlarms = items.stream().filter(i -> i.message.messageClass() == MessageClass.ALARM && i.deliveredAt < 0).count();
        return new Result(perLink, delays, afterOutage, lostAlarms, waiting.size());
    }

    /** Links whose states the simulation sets, bound to the real router. */
    static final class SimLinks {
        final Map<String, SimLink> links = new LinkedHashMap<>();

        void set(Map<String, Boolean> up, long t) {
            up.forEach((id, u) -> links.get(id).state = u ? LinkState.UP : LinkState.DOWN);
        }
    }

    static final class SimLink implements Link {
        volatile LinkState state = LinkState.UP;

        @Override
        public LinkState state() {
            return state;
        }

        @Override
        public int maxInFlight() {
            return 1;
        }

        @Override
        public CompletionStage<Void> deliver(OutboundMessage message) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("simulated"));
        }

        @Override
        public AutoCloseable onStateChange(Runnable listener) {
            return () -> { };
        }
    }

    public static void main(String[] args) throws Exception {
        List<SimSpec> specs = links();
        // naive: everything over the first link that is up, by priority, whatever it costs and whatever the class
        Result naive = run(specs, (item, up, t) -> specs.stream()
            .filter(s -> up.get(s.id()) && !item.refusedBy.contains(s.id())).map(SimSpec::id).findFirst().orElse(null), NONE);

        Path dir = Files.createTempDirectory("router-bench");
        SimClock clock = new SimClock(Instant.parse("2026-12-02T00:00:00Z"));
        CostRouter router = new CostRouter(new RouterSettings(Duration.ofSeconds(300), 2, 1, dir.resolve("usage.properties"), 200,
            Duration.ZERO), clock, false);
        SimLinks sim = new SimLinks();
        for (SimSpec s : specs) {
            SimLink l = new SimLink();
            sim.links.put(s.id(), l);
            Map<String, Object> p = new HashMap<>(s.descriptor().toProperties());
            p.put(Link.ID, s.id());
            router.bindLink(l, p);
        }
        long start = clock.instant().getEpochSecond();
        Result routed = run(specs, (item, up, t) -> router.table().route(item.message.messageClass(), item.refusedBy).orElse(null),
            new Hooks() {
                public void tick(long t, Map<String, Boolean> up) {
                    clock.set(Instant.ofEpochSecond(start + t));
                    sim.set(up, t);
                    router.reevaluate();
                }

                public void delivered(String link, MessageClass c, WireSize size) {
                    router.delivered(link, c, size);
                }
            });
        router.deactivate();

        System.out.println("A day of one site: telemetry every minute (8 readings), an event every 15 min, 26 alarms");
        System.out.println("Outages: wired 02:00-04:00, 10:00-12:00, 18:00-18:10; cellular data 10:00-12:00, 18:00-18:10;");
        System.out.println("         cellular network (SMS) 10:30-11:30, 18:00-18:10; satellite 18:00-18:10 (nothing works)");
        print("naive (everything over the first link that is up)", naive);
        print("router", routed);
        System.out.printf(Locale.ROOT, "%nusage cost router / naive: %.2f / %.2f = %.1f %%%n", routed.cost(), naive.cost(),
            100 * routed.cost() / naive.cost());
    }

    static void print(String title, Result r) {
        System.out.printf(Locale.ROOT, "%n%s%n  %-14s %10s %9s %9s%n", title, "link", "bytes", "messages", "cost");
        r.perLink().forEach((id, f) -> System.out.printf(Locale.ROOT, "  %-14s %10.0f %9.0f %9.2f%n", id, f[0], f[1], f[2]));
        System.out.printf(Locale.ROOT, "  total cost %.2f; alarms lost %d; messages still waiting at the end %d%n", r.cost(), r.lost(),
            r.waitingAtEnd());
        System.out.printf(Locale.ROOT, "  alarm delay while a link works: max %.1f s, mean %.1f s (%d alarms)%n",
            r.alarmDelays().stream().mapToDouble(d -> d).max().orElse(0), r.alarmDelays().stream().mapToDouble(d -> d).average().orElse(0),
            r.alarmDelays().size());
        System.out.printf(Locale.ROOT, "  alarms raised while nothing works: %d, out %s s after they were raised%n", r.alarmDelaysAfterTotalOutage().size(),
            r.alarmDelaysAfterTotalOutage().stream().map(d -> String.format(Locale.ROOT, "%.0f", d)).toList());
    }

    static final class SimClock extends Clock {
        private volatile Instant now;

        SimClock(Instant start) {
            now = start;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
