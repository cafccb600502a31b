package io.outpost.filter;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alarm durability across a real {@code kill -9} between the filter and the upstream: a JVM running
 * {@link CrashFeeder} is killed several times on the same directory. What the upstream made durable
 * ({@code hq.log}, what HQ will get) must never show a clear without a raise, only duplicates after a restart;
 * and the alarm file must never be ahead of it (it may lag by the one transition whose acknowledgement the
 * kill cut off, which each following restart sends again until one lives to write it).
 */
class FilterCrashTest {

    private static final int ROUNDS = 6;

    @TempDir
    Path dir;

    @Test
    void hqNeverGetsAClearWithoutARaiseAndTheAlarmFileIsNeverAheadOfTheUpstream() throws Exception {
        int totalTransitions = 0;
        for (int round = 0; round < ROUNDS; round++) {
            runAndKill(300 + 100 * round);
            Map<String, List<String>> log = hqLog();
            Map<String, Alarm> file = new AlarmFile(dir.resolve("alarms.txt")).load().alarms();
            int transitions = log.values().stream().mapToInt(List::size).sum();
            assertTrue(transitions > totalTransitions, "round " + round + ": no alarm got durable");
            totalTransitions = transitions;
            for (int c = 0; c < CrashFeeder.CHANNELS; c++) {
                String channel = "c" + c;
                List<String> states = log.getOrDefault(channel, List.of());
                checkFirstIsARaise(channel, states);
                Alarm inFile = file.get(AlarmFile.key("crash", channel));
                if (inFile != null) {
                    // the file's raise must be the upstream's last raise, followed by at most the clear not yet acknowledged
                    int lastRaise = -1;
                    for (int i = 0; i < states.size(); i++) {
                        if (states.get(i).startsWith("raised")) {
                            lastRaise = i;
                        }
                    }
                    // after it only its clear, sent again by each restart whose kill cut off the write of its acknowledgement
                    boolean onlyItsClearAfter = lastRaise >= 0
                        && states.subList(lastRaise + 1, states.size()).stream().allMatch(s -> s.startsWith("cleared"));
                    assertTrue(lastRaise >= 0 && states.get(lastRaise).equals("raised " + inFile.threshold())
                        && onlyItsClearAfter, "round " + round + " " + channel + ": the file has a raise at "
                        + inFile.threshold() + " the upstream did not make durable last: "
                        + states.subList(Math.max(0, states.size() - 4), states.size()));
                }
            }
        }
        System.out.printf("filter crash test: %d alarm transitions made durable over %d kills%n", totalTransitions, ROUNDS);
    }

    /**
     * HQ's view: with only two states per channel, repeats (a transition sent again after a restart) aside they
     * alternate by themselves; what must not happen is that HQ's first transition of a channel is a clear.
     */
    private static void checkFirstIsARaise(String channel, List<String> states) {
        if (!states.isEmpty() && !states.get(0).startsWith("raised")) {
            fail(channel + ": HQ's first alarm transition is a clear: " + states.subList(0, Math.min(5, states.size())));
        }
    }

    private Map<String, List<String>> hqLog() throws Exception {
        Map<String, List<String>> out = new HashMap<>();
        Path log = dir.resolve("hq.log");
        if (!Files.exists(log)) {
            return out;
        }
        String text = Files.readString(log, StandardCharsets.US_ASCII);
        int end = text.lastIndexOf('\n'); // a line the kill cut off was never acknowledged
        for (String line : text.substring(0, end + 1).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(" ");
            out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[1] + " " + f[2]);
        }
        return out;
    }

    private void runAndKill(long runMillis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"), CrashFeeder.class.getName(),
            dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            String first = in.readLine();
            assertTrue("ready".equals(first), "the feeder started: " + first);
            Thread.sleep(runMillis);
            process.destroyForcibly(); // SIGKILL
            assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        }
    }
}
