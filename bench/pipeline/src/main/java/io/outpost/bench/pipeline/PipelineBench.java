package io.outpost.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import io.outpost.api.upstream.Upstream;
import io.outpost.filter.DefaultAction;
import io.outpost.filter.ReadingFilter;
import io.outpost.outbox.Outbox;
import io.outpost.outbox.PipelineOutbox;
import io.outpost.sampler.PipelineDevice;
import io.outpost.sampler.SampledDevice;

/**
 * One device producing as fast as it can through the real pipeline: {@link SampledDevice} (a pushed channel:
 * the driver's record becomes a Reading and goes to the listeners on the device's own thread) → the real
 * {@link ReadingFilter} (pass-all: every reading one TELEMETRY message) → the real {@link Outbox} with its
 * default group commit of 100 ms and durable acknowledgement → an in-process link that confirms at once.
 * Prints readings/s from the one device thread and how many messages were acknowledged DURABLE. Asserts
 * nothing about speed.
 * <p>
 * Why pushed and not polled: the sampler polls with a fixed delay of at least 100 ms ({@code pollMillis} min),
 * so a polled device makes at most 10 polls/s; a pushed channel is the sampler's fastest real read path.
 * <p>
 * Usage: {@code java -Xmx64m -cp "target/classes:$(cat target/classpath.txt)" io.outpost.bench.pipeline.PipelineBench [seconds [maxPerSecond]]}
 */
public final class PipelineBench {

    private PipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long maxPerSecond = args.length > 1 ? Long.parseLong(args[1]) : 0;
        int warmup = Math.min(3, Math.max(1, seconds / 4));
        Path dir = Files.createTempDirectory("pipeline-bench");
        Outbox outbox = PipelineOutbox.open(dir.resolve("outbox"));
        LongAdder sent = new LongAdder();
        LongAdder durable = new LongAdder();
        LongAdder refused = new LongAdder();
        LongAdder dropped = new LongAdder();
        Upstream counted = message -> {
            sent.increment();
            return outbox.send(message).whenComplete((ack, failure) -> {
                switch (ack.outcome()) {
                    case DURABLE -> durable.increment();
                    case REFUSED -> refused.increment();
                    case DROPPED -> dropped.increment();
                }
            });
        };
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ReadingFilter filter = new ReadingFilter(Clock.systemUTC(), DefaultAction.PASS_ALL, dir.resolve("alarms.txt"), timer,
            ReadingFilter.DEFAULT_HOLD_MESSAGES, ReadingFilter.DEFAULT_PRUNE_AFTER_MILLIS);
        filter.upstream(counted);
        timer.scheduleWithFixedDelay(filter::tick, 1, 1, TimeUnit.SECONDS);

        PushDriver driver = new PushDriver(maxPerSecond);
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("name", "bench");
        configuration.put("driver", PushDriver.ID);
        configuration.put("channel.value.valueType", "double");
        configuration.put("channel.value.listen", "true");
        SampledDevice device = PipelineDevice.start(configuration, driver, PushDriver.ID, filter::accept);

        Thread.sleep(warmup * 1000L);
        long pushed0 = driver.pushed.sum();
        long durable0 = durable.sum();
        long start = System.nanoTime();
        Thread.sleep((seconds - warmup) * 1000L);
        long pushed1 = driver.pushed.sum();
        long durable1 = durable.sum();
        double elapsed = (System.nanoTime() - start) / 1e9;
        PipelineDevice.stop(device);

        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (durable.sum() + refused.sum() + dropped.sum() < sent.sum() && System.nanoTime() < waitUntil) {
            Thread.sleep(50);
        }
        while (outbox.snapshot().delivered() < durable.sum() && System.nanoTime() < waitUntil) {
            Thread.sleep(50);
        }
        long delivered = outbox.snapshot().delivered();
        System.out.printf(Locale.ROOT, "pipeline, one pushed device thread (%s), %d s measured after %d s warm-up, max heap %d MB:%n",
            maxPerSecond == 0 ? "as fast as it can" : "at most " + maxPerSecond + "/s", seconds - warmup, warmup,
            Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "  %,.0f readings/s in, %,.0f messages/s acknowledged DURABLE (group commit 100 ms)%n",
            (pushed1 - pushed0) / elapsed, (durable1 - durable0) / elapsed);
        System.out.printf(Locale.ROOT, "  in total: %,d readings, %,d messages sent, %,d DURABLE, %,d REFUSED, %,d DROPPED; %,d delivered "
            + "by the link; filter: %,d not durable, %,d held%n", driver.pushed.sum(), sent.sum(), durable.sum(), refused.sum(), dropped.sum(),
            delivered, filter.totals().refused(), filter.totals().held());

        filter.close();
        timer.shutdown();
        PipelineOutbox.close(outbox);
        delete(dir);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
