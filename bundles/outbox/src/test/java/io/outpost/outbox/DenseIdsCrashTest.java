package io.outpost.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.outpost.api.link.OutboundMessage;
import io.outpost.api.upstream.MessageClass;

/**
 * Ids stay dense in one epoch through a kill -9 loop: a {@link CrashAppender} JVM appends at full speed and is
 * SIGKILLed; the store is then reopened here (three times, twice with nothing appended: the restarts that used to skip
 * an id), what the killed process acknowledged is checked and delivered except the events, which stay and get
 * compacted into the next segment. Over all rounds the ids ever stored form the single run 1..n, every round's first
 * id is one past the highest before it, and the epoch never changes.
 */
class DenseIdsCrashTest {

    private static final int ROUNDS = 5;

    @TempDir
    Path dir;

    private OutboxStore open() throws java.io.IOException {
        return OutboxStore.open(new StoreSettings(dir, 1L << 40, Long.MAX_VALUE, Duration.ofMillis(20), 256 * 1024), Clock.systemUTC());
    }

    @Test
    void idsOfOneEpochFormOneDenseRunAcrossKillsRestartsAndCompaction() throws Exception {
        TreeSet<Long> everStored = new TreeSet<>();
        long epoch = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Map<Long, Long> acknowledged = new ConcurrentHashMap<>();
            AtomicLong appenderEpoch = new AtomicLong();
            runAndKill(round * 100_000_000L, acknowledged, appenderEpoch);
            assertTrue(acknowledged.size() > 100, "round " + round + " acknowledged only " + acknowledged.size());
            long firstOfRound = acknowledged.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
            long before = everStored.isEmpty() ? 0 : everStored.last();
            assertEquals(before + 1, firstOfRound, "round " + round + " starts one past the highest id before it");
            if (round == 0) {
                epoch = appenderEpoch.get();
            }
            assertEquals(epoch, appenderEpoch.get(), "the epoch of round " + round);
            open().close();   // restarts with nothing appended
            open().close();
            try (OutboxStore store = open()) {
                assertEquals(epoch, store.epoch());
                Map<Long, MessageClass> stored = new java.util.HashMap<>();
                for (OutboundMessage m : store.take(Integer.MAX_VALUE).messages()) {
                    assertEquals(epoch, m.epoch());
                    stored.put(m.id(), m.message().messageClass());
                }
                for (Long id : acknowledged.keySet()) {
                    assertTrue(stored.containsKey(id), "acknowledged id " + id + " of round " + round + " is stored");
                }
                everStored.addAll(stored.keySet());
                for (Map.Entry<Long, MessageClass> m : stored.entrySet()) {
                    if (m.getValue() != MessageClass.EVENT && acknowledged.containsKey(m.getKey())) {
                        store.acknowledge(m.getKey());   // delivered; events wait on and keep old segments sparse
                    } else {
                        store.release(m.getKey());
                    }
                }
                System.out.printf("dense ids round %d: %d acknowledged, %d stored, ids 1..%d, %d segments%n", round, acknowledged.size(),
                    stored.size(), everStored.last(), store.segmentCount());
            }
            assertEquals(everStored.last().longValue(), everStored.size(), "ids 1.." + everStored.last() + " without a gap after round " + round);
            assertEquals(1L, everStored.first().longValue());
        }
    }

    private void runAndKill(long firstSeq, Map<Long, Long> acknowledged, AtomicLong epoch) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"), CrashAppender.class.getName(),
            dir.toString(), Long.toString(firstSeq)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("epoch ")) {
                        epoch.set(Long.parseLong(line.substring(6)));
                    } else if (line.equals("ready")) {
                        ready.countDown();
                    } else if (line.endsWith(";") && line.indexOf(' ') > 0) {
                        int space = line.indexOf(' ');
                        acknowledged.put(Long.parseLong(line.substring(0, space)), Long.parseLong(line.substring(space + 1, line.length() - 1)));
                    }
                }
            } catch (java.io.IOException closed) {
                // the process is gone
            }
        });
        reader.start();
        assertTrue(ready.await(30, TimeUnit.SECONDS), "the appender started");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (acknowledged.size() < 5_000 && System.nanoTime() < deadline) {
            Thread.sleep(20);   // a loaded machine: kill only once the appender is well under way
        }
        Thread.sleep(300);
        process.destroyForcibly();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        reader.join(10_000);
    }
}
