package io.outpost.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.outpost.api.link.OutboundMessage;

/**
 * Kills (SIGKILL) a JVM that appends at full speed, reopens its store and checks that every message whose
 * durable acknowledgement was printed is there, intact. Several rounds on the same directory, so recovery
 * also runs over what earlier recoveries left.
 */
class OutboxCrashTest {

    @TempDir
    Path dir;

    @Test
    void noAcknowledgedMessageIsLostOrCorruptWhenTheProcessIsKilled() throws Exception {
        Map<Long, Long> acknowledged = new ConcurrentHashMap<>();
        for (int round = 0; round < 4; round++) {
            acknowledged.clear();
            runAndKill(round * 100_000_000L, acknowledged);
            assertTrue(acknowledged.size() > 100, "round " + round + " acknowledged only " + acknowledged.size());
            Map<Long, Long> stored = new HashMap<>();
            try (OutboxStore store = OutboxStore.open(new StoreSettings(dir, 1L << 40, Long.MAX_VALUE, Duration.ofMillis(20), 256 * 1024),
                Clock.systemUTC())) {
                List<OutboundMessage> all = store.take(Integer.MAX_VALUE).messages();
                for (OutboundMessage m : all) {
                    stored.put(m.id(), (Long) m.message().metrics().get("seq").asObject());
                    assertEquals(m.message().timestamp(), stored.get(m.id()), "record " + m.id() + " is intact");
                }
                assertEquals(0, store.figures().discarded(), "unreadable records");
                System.out.printf("crash round %d: %d acknowledged by the killed process, %d stored after recovery%n", round,
                    acknowledged.size(), stored.size());
                for (Map.Entry<Long, Long> ack : acknowledged.entrySet()) {
                    assertEquals(ack.getValue(), stored.get(ack.getKey()), "acknowledged message id " + ack.getKey() + " in round " + round);
                    store.acknowledge(ack.getKey());   // checked: delivered, so the next round starts from what is left
                }
            }
        }
    }

    private void runAndKill(long firstSeq, Map<Long, Long> acknowledged) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"), CrashAppender.class.getName(),
            dir.toString(), Long.toString(firstSeq)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("ready")) {
                        ready.countDown();
                        continue;
                    }
                    // a line cut by the kill lacks its ';': that acknowledgement never fully reached us
                    int space = line.indexOf(' ');
                    if (space > 0 && line.endsWith(";")) {
                        acknowledged.put(Long.parseLong(line.substring(0, space)), Long.parseLong(line.substring(space + 1, line.length() - 1)));
                    }
                }
            } catch (java.io.IOException closed) {
                // the process is gone
            }
        });
        reader.start();
        assertTrue(ready.await(30, TimeUnit.SECONDS), "the appender started");
        Thread.sleep(1000);
        process.destroyForcibly();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        reader.join(10_000);
    }

}
