package io.outpost.filter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.upstream.Acknowledgement;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.Upstream;

/**
 * Run in its own JVM by {@link FilterCrashTest}, until it is killed: a real {@link ReadingFilter} on an alarm file,
 * fed as fast as possible with channels that cross their limit at every other reading, and an upstream that
 * stands for the outbox: on its own thread it appends each ALARM message to {@code hq.log} ("channel state threshold"),
 * forces it to disk, and only then acknowledges it DURABLE, as the outbox does after its commit.
 */
public final class CrashFeeder {

    static final int CHANNELS = 4;

    private CrashFeeder() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        FileChannel log = FileChannel.open(dir.resolve("hq.log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
        ExecutorService committer = Executors.newSingleThreadExecutor();
        Upstream upstream = message -> {
            CompletableFuture<Acknowledgement> ack = new CompletableFuture<>();
            committer.execute(() -> {
                if (message.messageClass() == MessageClass.ALARM) {
                    String line = message.metrics().get("channel") + " " + message.metrics().get("state") + " "
                        + message.metrics().get("threshold") + "\n";
                    try {
                        log.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
                        log.force(false);
                    } catch (IOException e) {
                        ack.complete(Acknowledgement.refused(e.toString()));
                        return;
                    }
                }
                ack.complete(Acknowledgement.durable());
            });
            return ack;
        };
        ExecutorService acknowledgements = Executors.newSingleThreadExecutor();
        ReadingFilter filter = new ReadingFilter(Clock.systemUTC(), DefaultAction.PASS_ALL, dir.resolve("alarms.txt"),
            acknowledgements, 1000, Long.MAX_VALUE / 2);
        filter.upstream(upstream);
        filter.rules(List.of(FilterHarness.rule("c*", "high", 21, "hysteresis", 1, "deadband", 1000)));
        System.out.println("ready");
        System.out.flush();
        for (long i = 0; ; i++) {
            List<Reading> batch = new ArrayList<>(CHANNELS);
            for (int c = 0; c < CHANNELS; c++) {
                // each channel crosses at its own pace, so the kill finds them in different states
                boolean high = (i / (c + 1)) % 2 == 1;
                batch.add(Reading.good("crash", "c" + c, Value.of(high ? 26.0 : 15.0), "", System.currentTimeMillis()));
            }
            // the limit moves, so that consecutive raises carry different thresholds and the file's one names its raise
            filter.rules(List.of(FilterHarness.rule("c*", "high", 21 + i % 4, "hysteresis", 1, "deadband", 1000)));
            filter.accept(batch);
            filter.tick();
            if (i % 64 == 0) {
                Thread.sleep(1); // let the committer keep up now and then, so transitions do get durable
            }
        }
    }
}
