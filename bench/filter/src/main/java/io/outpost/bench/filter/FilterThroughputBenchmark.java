package io.outpost.bench.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.filter.DefaultAction;
import io.outpost.filter.ReadingFilter;

/**
 * Readings per second through the filter on one thread: 20 devices shaped like sim1 (temperature sine with
 * noise, humidity random walk, energy counter, door switch), one batch of 4 readings per device poll, the
 * clock moving 1 s per round of polls, the example rules, and an upstream that only consumes the messages.
 * The readings are made beforehand (the sampler makes them, not the filter).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FilterThroughputBenchmark {
    private static final java.util.concurrent.CompletionStage<io.outpost.api.upstream.Acknowledgement> DURABLE =
        java.util.concurrent.CompletableFuture.completedFuture(io.outpost.api.upstream.Acknowledgement.durable());


    static final int DEVICES = 20;
    static final int ROUNDS = 3600;
    static final int READINGS_PER_BATCH = 4;

    private List<List<Reading>> batches;
    private TraceClock clock;
    private ReadingFilter filter;
    private int next;
    private long passes;
    private Blackhole sink;

    @Setup
    public void setUp(Blackhole blackhole) {
        sink = blackhole;
        clock = new TraceClock();
        filter = new ReadingFilter(clock, DefaultAction.PASS_ALL, message -> {
            sink.consume(message);
            return DURABLE;
        }, null);
        filter.rules(Sim1Rules.all());
        batches = batches(new Random(7));
        next = 0;
    }

    static List<List<Reading>> batches(Random random) {
        List<List<Reading>> out = new ArrayList<>(DEVICES * ROUNDS);
        double[] walk = new double[DEVICES];
        java.util.Arrays.fill(walk, 50);
        for (int round = 0; round < ROUNDS; round++) {
            long t = round * 1000L;
            for (int d = 0; d < DEVICES; d++) {
                String device = "dev" + d;
                double temperature = 22 + 4 * Math.sin(2 * Math.PI * (round + d * 7) / 120.0) + random.nextGaussian() * 0.05;
                walk[d] = Math.max(30, Math.min(70, walk[d] + (random.nextDouble() - 0.5) * 2));
                out.add(List.of(
                    Reading.good(device, "temperature", Value.of(Math.round(temperature * 100) / 100.0), "degC", t),
                    Reading.good(device, "humidity", Value.of(walk[d]), "%", t),
                    Reading.good(device, "energy", Value.of(3L * round), "Wh", t),
                    Reading.good(device, "door", Value.of((round % 30) < 15), "", t)));
            }
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(READINGS_PER_BATCH)
    public void oneDevicePoll() {
        List<Reading> batch = batches.get(next);
        // the filter's clock follows the readings, and keeps going forward when the trace starts over
        clock.set(batch.get(0).timestamp() + passes * ROUNDS * 1000L);
        filter.accept(batch);
        if (++next == batches.size()) {
            next = 0;
            passes++;
        }
    }
}
