package io.outpost.ota;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The block source against a publisher in the test: the asker answers on another thread, as the broker would. */
class MqttBlockSourceTest {

    private static final int SIZE = 300 * 1024 + 17;
    private static final int BLOCK = 16 * 1024;
    private static final long JOB = 7;

    @TempDir
    Path dir;

    private final byte[] content = new byte[SIZE];
    private final List<Long> asked = new CopyOnWriteArrayList<>();
    private final ExecutorService publisher = Executors.newSingleThreadExecutor();
    private volatile Predicate<Long> answers = offset -> true;
    private MqttBlockSource source;

    MqttBlockSourceTest() {
        new Random(1).nextBytes(content);
    }

    @AfterEach
    void stop() {
        publisher.shutdownNow();
    }

    private volatile boolean linkUp = true;

    /** The publisher of the test: records each request and answers it unless told not to; sends nothing while the "link" is down. */
    private final class Publisher implements MqttBlockSource.BlockAsker {
        @Override
        public boolean ask(long jobId, String requester, String uri, long offset, int length) {
            if (!linkUp) {
                return false;
            }
            asked.add(offset);
            if (answers.test(offset)) {
                publisher.execute(() -> source.accept(jobId, requester, offset, SIZE,
                    Arrays.copyOfRange(content, (int) offset, (int) Math.min(SIZE, offset + length)), ""));
            }
            return true;
        }

        @Override
        public boolean canAsk() {
            return linkUp;
        }
    }

    private MqttBlockSource source(long timeoutMillis, int retries) {
        source = new MqttBlockSource(new Publisher(), timeoutMillis, 10, retries, 64L * 1024 * 1024, 0);
        return source;
    }

    private PackageDownloader.Outcome download() throws DownloadException {
        return source.download(JOB, "hq", "mqtt:probe", dir.resolve("p.part"), dir.resolve("p.pkg"), BLOCK, () -> false, (d, t) -> { });
    }

    @Test
    void blocksAskedOneAtATimeMakeThePackage() throws Exception {
        source(2000, 3);
        PackageDownloader.Outcome outcome = download();

        assertArrayEquals(content, Files.readAllBytes(dir.resolve("p.pkg")));
        assertFalse(Files.exists(dir.resolve("p.part")));
        assertEquals((SIZE + BLOCK - 1) / BLOCK, asked.size());
        assertEquals(SIZE, outcome.bytesTransferred());
        assertEquals(0, outcome.rangeRequests(), "nothing asked twice");
    }

    @Test
    void anUnansweredRequestIsAskedAgainAndTheDownloadResumesFromThePartialFile() throws Exception {
        int[] dropped = {0};
        answers = offset -> !(offset == 10L * BLOCK && dropped[0]++ == 0);  // the first request at block 10 gets no answer
        source(200, 3);
        PackageDownloader.Outcome outcome = download();

        assertArrayEquals(content, Files.readAllBytes(dir.resolve("p.pkg")));
        assertEquals(2, asked.stream().filter(o -> o == 10L * BLOCK).count(), asked.toString());
        assertEquals(1, outcome.rangeRequests());

        // a "restart": a partial file of 5 blocks is there; the first request is for the sixth
        asked.clear();
        answers = offset -> true;
        Files.write(dir.resolve("p.part"), Arrays.copyOf(content, 5 * BLOCK));
        outcome = download();
        assertEquals(5L * BLOCK, asked.get(0));
        assertEquals(5L * BLOCK, outcome.resumedFrom());
        assertArrayEquals(content, Files.readAllBytes(dir.resolve("p.pkg")));
    }

    @Test
    void wrongBlocksAreIgnoredOrRefusedAndCounted() throws Exception {
        answers = offset -> false;
        source(300, 100);
        Thread feeder = new Thread(() -> {
            try {
                while (asked.isEmpty()) {
                    Thread.sleep(5);
                }
                byte[] first = Arrays.copyOfRange(content, 0, BLOCK);
                assertEquals(MqttBlockSource.Verdict.IGNORED, source.accept(JOB + 1, "hq", 0, SIZE, first, "").verdict());
                assertEquals(MqttBlockSource.Verdict.IGNORED, source.accept(JOB, "someone", 0, SIZE, first, "").verdict());
                assertEquals(MqttBlockSource.Verdict.IGNORED, source.accept(JOB, "hq", BLOCK, SIZE, first, "").verdict());
                assertEquals(MqttBlockSource.Verdict.REFUSED, source.accept(JOB, "hq", 0, SIZE, new byte[BLOCK + 1], "").verdict());
                assertEquals(MqttBlockSource.Verdict.REFUSED, source.accept(JOB, "hq", 0, -1, first, "").verdict());
                assertEquals(MqttBlockSource.Verdict.APPENDED, source.accept(JOB, "hq", 0, SIZE, first, "").verdict());
                assertEquals(MqttBlockSource.Verdict.IGNORED, source.accept(JOB, "hq", 0, SIZE, first, "").verdict(), "a repeat");
                assertEquals(MqttBlockSource.Verdict.REFUSED, source.accept(JOB, "hq", BLOCK, SIZE + 1, first, "").verdict());
                assertEquals(MqttBlockSource.Verdict.FAILS, source.accept(JOB, "hq", BLOCK, -1, new byte[0], "no such package").verdict());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        feeder.start();
        DownloadException e = assertThrows(DownloadException.class, this::download);
        feeder.join();
        assertTrue(e.getMessage().contains("no such package"), e.getMessage());
        MqttBlockSource.Counts counts = source.counts();
        assertEquals(4, counts.ignored());
        assertEquals(3, counts.refused());
        assertEquals(1, counts.appended());
        assertEquals(BLOCK, Files.size(dir.resolve("p.part")), "the partial file keeps the good block");
    }

    @Test
    void aPublisherThatNeverAnswersFailsTheDownloadAfterTheRetries() throws Exception {
        answers = offset -> false;
        source(50, 2);
        DownloadException e = assertThrows(DownloadException.class, this::download);
        assertTrue(e.getMessage().contains("no answer"), e.getMessage());
        assertEquals(3, asked.size(), asked.toString());
    }

    @Test
    void nothingIsAskedWhileNoLinkIsUpAndTheNextRequestGoesOutWhenOneIsBack() throws Exception {
        linkUp = false;
        source(60_000, 3);  // a timeout the test would notice
        Thread link = new Thread(() -> {
            try {
                Thread.sleep(300);
                linkUp = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        link.start();
        long t0 = System.nanoTime();
        download();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        link.join();

        assertArrayEquals(content, Files.readAllBytes(dir.resolve("p.pkg")));
        assertEquals((SIZE + BLOCK - 1) / BLOCK, asked.size(), "no request sent while the link was down, none twice");
        assertTrue(millis < 10_000, "asked at once when the link came back, not after the timeout: " + millis + " ms");
    }

    @Test
    void tooLargeAPackageFailsAtTheFirstBlock() {
        source = new MqttBlockSource(new Publisher(), 2000, 10, 3, SIZE - 1, 0);
        DownloadException e = assertThrows(DownloadException.class, this::download);
        assertTrue(e.getMessage().contains("maxPackageBytes"), e.getMessage());
    }
}
