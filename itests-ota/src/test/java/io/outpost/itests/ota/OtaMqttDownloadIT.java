package io.outpost.itests.ota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.outpost.ota.signing.SigningKeys;

/**
 * Block-wise download over MQTT (OTA-BLOCK-V1) end to end: the assembled gateway as a process, a real Mosquitto,
 * a {@link BlockPublisher} in the test serving signed packages in blocks, DEPLOY-V2 from {@link Hq}. The tests share
 * one gateway and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OtaMqttDownloadIT {

    private static final int MB = 1024 * 1024;
    private static final int BLOCK = 16 * 1024;
    private static final long NOTIFY_TIMEOUT = 90_000;

    private static Path work;
    private static Mosquitto mosquitto;
    private static GatewayProcess gateway;
    private static Hq hq;
    private static BlockPublisher publisher;
    private static KeyPair trusted;

    @BeforeAll
    static void startGateway() throws Exception {
        work = Path.of(System.getProperty("outpost.itests.work", "target/ota-work")).toAbsolutePath().resolve("mqtt");
        Files.createDirectories(work);
        trusted = SigningKeys.generate();
        mosquitto = new Mosquitto(work.resolve("mosquitto"));
        hq = new Hq(mosquitto.port());
        publisher = new BlockPublisher(mosquitto.port());
        gateway = new GatewayProcess(work.resolve("gateway"), mosquitto.port(), SigningKeys.publicKeyText(trusted.getPublic()));
        startAndWaitForBirth();
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {gateway, publisher, hq, mosquitto}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static void startAndWaitForBirth() throws Exception {
        hq.clear();
        gateway.start();
        try {
            hq.await(m -> m.topic().endsWith("/MQTT/BIRTH"), 120_000, "birth certificate of the gateway");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nconsole:\n" + gateway.consoleTail(), e);
        }
    }

    private static void startDeploy(long jobId, String packageId, byte[] content, String version, int blockSize) throws Exception {
        publisher.put(packageId, content);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dp.uri", "mqtt:" + packageId);
        m.put("dp.name", "probe");
        m.put("dp.version", version);
        m.put("job.id", jobId);
        m.put("dp.download.protocol", "MQTT");
        m.put("dp.download.block.size", blockSize);
        m.put("dp.download.hash", "SHA-256:" + HexFormat.of().formatHex(TestPackages.sha256(content, work)));
        m.put("dp.signature", TestPackages.sign(content, trusted, work));
        Hq.Message reply = hq.request("DEPLOY-V2", "EXEC", "download", m, 30_000);
        assertEquals(200L, reply.metric("response.code"), "EXEC download reply " + reply.metrics());
    }

    private static void assertProbeRuns(String version) throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        String row = "";
        while (System.currentTimeMillis() < end) {
            Hq.Message reply = hq.request("DEPLOY-V2", "GET", "bundles", Map.of(), 30_000);
            Matcher m = Pattern.compile("<bundle><name>" + Pattern.quote(TestPackages.PROBE) + "</name><version>([^<]*)</version><id>\\d+</id><state>([^<]*)</state>")
                .matcher(reply.body());
            row = m.find() ? m.group(1) + " " + m.group(2) : "none";
            if (row.equals(version + " ACTIVE")) {
                return;
            }
            Thread.sleep(200);
        }
        assertEquals(version + " ACTIVE", row, "running probe");
    }

    /** Every offset of the package asked for, in order, from 0 to the end in steps of the block. */
    private static void assertEveryBlockAsked(List<BlockPublisher.Ask> asks, int size, int block) {
        List<Long> distinct = asks.stream().map(BlockPublisher.Ask::offset).distinct().sorted().toList();
        assertEquals((size + block - 1) / block, distinct.size(), "distinct offsets asked");
        for (int i = 0; i < distinct.size(); i++) {
            assertEquals((long) i * block, distinct.get(i));
        }
    }

    @Test
    @Order(1)
    void aSignedPackageServedInBlocksIsInstalled() throws Exception {
        long[] first = deployTimed(1001, "1.0.0");
        long[] update = deployTimed(1011, "1.1.0");
        System.out.println("1 MiB package over MQTT in 64 KiB blocks, end to end (EXEC download -> COMPLETED install notification): first "
            + first[0] + " ms (gateway still starting), update " + update[0] + " ms; EXEC download to first block request " + update[1]
            + " ms, first to last block request " + update[2] + " ms (" + update[3] + " requests)");
    }

    /** Deploys a 1 MiB probe over MQTT; [end to end ms, to the first request ms, first to last request ms, requests]. */
    private static long[] deployTimed(long jobId, String version) throws Exception {
        publisher.reset();
        byte[] pkg = TestPackages.probe(version, MB);
        long t0 = System.nanoTime();
        long sent = System.currentTimeMillis();
        startDeploy(jobId, "probe-" + version, pkg, version, 64 * 1024);
        Hq.Message done = hq.finalInstall(jobId, NOTIFY_TIMEOUT);
        long millis = (System.nanoTime() - t0) / 1_000_000;

        assertEquals("COMPLETED", done.metric("dp.install.status"), done.metrics() + "\n" + gateway.consoleTail());
        assertEquals("valid", done.metric("dp.install.signature"));
        assertEquals("healthy", done.metric("dp.install.health"));
        List<BlockPublisher.Ask> asks = publisher.asks();
        assertEveryBlockAsked(asks, pkg.length, 64 * 1024);
        assertEquals(0, publisher.bytesAskedAgain(), asks.toString());
        assertTrue(asks.stream().allMatch(a -> a.jobId() == jobId && a.uri().equals("mqtt:probe-" + version)), asks.toString());
        assertEquals(pkg.length, publisher.bytesServed());
        assertProbeRuns(version);
        return new long[] {millis, asks.get(0).at() - sent, asks.get(asks.size() - 1).at() - asks.get(0).at(), asks.size()};
    }

    @Test
    @Order(2)
    void aPublisherThatStopsAnsweringAtHalfIsAskedAgainAndTheDownloadResumes() throws Exception {
        publisher.reset();
        byte[] v2 = TestPackages.probe("2.0.0", MB);
        publisher.goSilentAt(v2.length / 2);
        startDeploy(1002, "probe-2", v2, "2.0.0", BLOCK);
        long end = System.currentTimeMillis() + 30_000;
        while (publisher.asks().stream().noneMatch(a -> a.offset() >= v2.length / 2) && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        Thread.sleep(4_000);  // longer than the gateway's block timeout (readTimeoutMillis 3000)
        long silentAsks = publisher.asks().stream().filter(a -> a.offset() >= v2.length / 2).count();
        publisher.answerAgain();
        Hq.Message done = hq.finalInstall(1002, NOTIFY_TIMEOUT);

        assertEquals("COMPLETED", done.metric("dp.install.status"), done.metrics() + "\n" + gateway.consoleTail());
        List<BlockPublisher.Ask> asks = publisher.asks();
        assertEveryBlockAsked(asks, v2.length, BLOCK);
        long askedAgain = publisher.bytesAskedAgain();
        long stalledAt = asks.stream().mapToLong(BlockPublisher.Ask::offset).filter(o -> o >= v2.length / 2).min().orElse(-1);
        long stalled = asks.stream().filter(a -> a.offset() == stalledAt).count();
        System.out.println("publisher silent at 50 % for 4 s: the block at " + stalledAt + " was asked " + stalled
            + " times, " + askedAgain + " bytes asked again (block " + BLOCK + "), " + (publisher.bytesServed() - v2.length)
            + " bytes served twice");
        assertTrue(silentAsks >= 2, "asked again after the timeout: " + silentAsks);
        assertEquals(BLOCK, publisher.distinctBytesAskedAgain(), "only the block nobody answered was asked again: " + asks);
        assertEquals(askedAgain, (long) BLOCK * (stalled - 1), "asked again " + askedAgain + " bytes");
        assertEquals(v2.length, publisher.bytesServed(), "no byte served twice");
        assertProbeRuns("2.0.0");
    }

    @Test
    @Order(3)
    void aGatewayKilledMidDownloadResumesFromTheOffsetItHad() throws Exception {
        publisher.reset();
        byte[] v3 = TestPackages.probe("3.0.0", MB);
        publisher.delay(20);
        startDeploy(1003, "probe-3", v3, "3.0.0", BLOCK);
        long end = System.currentTimeMillis() + 30_000;
        while (publisher.bytesServed() < 400 * 1024 && System.currentTimeMillis() < end) {
            Thread.sleep(10);
        }
        gateway.kill();
        long killedAt = System.currentTimeMillis();
        Thread.sleep(300);  // an answer the publisher was delaying goes out to nobody
        long servedBefore = publisher.bytesServed();
        publisher.delay(0);
        startAndWaitForBirth();
        Hq.Message done = hq.finalInstall(1003, NOTIFY_TIMEOUT);

        assertEquals("COMPLETED", done.metric("dp.install.status"), done.metrics() + "\n" + gateway.consoleTail());
        List<BlockPublisher.Ask> asks = publisher.asks();
        // the first request the restarted gateway made (the outbox may first deliver again one made before the kill)
        long resumedAt = publisher.madeAsks().stream().filter(a -> a.sentOn() >= killedAt).findFirst().orElseThrow().offset();
        System.out.println("killed after " + servedBefore + " bytes served: resumed at offset " + resumedAt + ", "
            + publisher.bytesAskedAgain() + " bytes asked again (block " + BLOCK + "), " + publisher.replays()
            + " requests delivered again by the outbox");
        assertTrue(resumedAt > 0 && resumedAt >= servedBefore - BLOCK && resumedAt <= servedBefore, "resumed at " + resumedAt
            + " after " + servedBefore + " bytes served (one of them may have been served after the kill)");
        assertTrue(publisher.distinctBytesAskedAgain() <= BLOCK, "asked again " + publisher.distinctBytesAskedAgain());
        assertEveryBlockAsked(asks, v3.length, BLOCK);
        assertProbeRuns("3.0.0");
    }

    @Test
    @Order(4)
    void aTamperedPackageOverMqttIsRefusedLikeOverHttp() throws Exception {
        publisher.reset();
        byte[] v4 = TestPackages.probe("4.0.0", 256 * 1024);
        String signature = TestPackages.sign(v4, trusted, work);
        byte[] tampered = v4.clone();
        tampered[tampered.length / 3] ^= 1;
        publisher.put("probe-4", tampered);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dp.uri", "mqtt:probe-4");
        m.put("dp.name", "probe");
        m.put("dp.version", "4.0.0");
        m.put("job.id", 1005L);
        m.put("dp.download.protocol", "MQTT");
        m.put("dp.signature", signature);
        Hq.Message reply = hq.request("DEPLOY-V2", "EXEC", "download", m, 30_000);
        assertEquals(200L, reply.metric("response.code"), reply.metrics().toString());
        Hq.Message done = hq.finalInstall(1005, NOTIFY_TIMEOUT);

        assertEquals("FAILED", done.metric("dp.install.status"), done.metrics().toString());
        assertEquals("tampered", done.metric("dp.install.signature"), done.metrics().toString());
        assertTrue(String.valueOf(done.metric("dp.install.error.message")).startsWith("refused"), done.metrics().toString());
        assertEquals(tampered.length, publisher.bytesServed(), "downloaded whole, then refused");
        assertProbeRuns("3.0.0");
    }

    @Test
    @Order(5)
    void aPackageThePublisherDoesNotHaveFailsTheDownload() throws Exception {
        publisher.reset();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dp.uri", "mqtt:nowhere");
        m.put("dp.name", "probe");
        m.put("dp.version", "9.0.0");
        m.put("job.id", 1004L);
        m.put("dp.download.protocol", "MQTT");
        m.put("dp.signature", "outpost-ota-signature 1");
        Hq.Message reply = hq.request("DEPLOY-V2", "EXEC", "download", m, 30_000);
        assertEquals(200L, reply.metric("response.code"), reply.metrics().toString());
        Hq.Message failed = hq.await(x -> x.topic().endsWith("/NOTIFY/" + GatewayProcess.CLIENT_ID + "/download")
            && "FAILED".equals(x.metric("dp.download.status")), NOTIFY_TIMEOUT, "FAILED download notification");
        assertTrue(String.valueOf(failed.metric("dp.download.error.message")).contains("no package mqtt:nowhere"), failed.metrics().toString());

        m.remove("dp.signature");
        reply = hq.request("DEPLOY-V2", "EXEC", "download", m, 30_000);
        assertEquals(400L, reply.metric("response.code"), "MQTT without a signature: " + reply.metrics());
        m.put("dp.signature", "x");
        m.put("dp.download.block.size", 1024 * 1024);
        reply = hq.request("DEPLOY-V2", "EXEC", "download", m, 30_000);
        assertEquals(400L, reply.metric("response.code"), "a block larger than 128 KiB: " + reply.metrics());
        reply = hq.request("OTA-BLOCK-V1", "PUT", "1004/0", Map.of("dp.download.size", 10), 30_000);
        assertEquals(409L, reply.metric("response.code"), "a block for a job that does not wait: " + reply.metrics());
        reply = hq.request("OTA-BLOCK-V1", "PUT", "x/0", Map.of("dp.download.size", 10), 30_000);
        assertEquals(400L, reply.metric("response.code"), "a job id that is not a number: " + reply.metrics());
        assertProbeRuns("3.0.0");
    }

    @Test
    @Order(6)
    void aBrokerRestartMidDownloadResumesFromTheOffsetItHad() throws Exception {
        publisher.reset();
        byte[] v6 = TestPackages.probe("6.0.0", MB);
        publisher.delay(20);
        startDeploy(1006, "probe-6", v6, "6.0.0", BLOCK);
        long end = System.currentTimeMillis() + 30_000;
        while (publisher.bytesServed() < 400 * 1024 && System.currentTimeMillis() < end) {
            Thread.sleep(10);
        }
        quietly(publisher);  // HQ's clients go first (Paho's close is slow without a broker), then the broker
        quietly(hq);
        long servedBefore = publisher.bytesServed();
        mosquitto.close();  // the link drops; the gateway asks nothing until it is back
        Thread.sleep(2_000);
        mosquitto.start();
        hq = new Hq(mosquitto.port());
        publisher = new BlockPublisher(mosquitto.port());
        publisher.put("probe-6", v6);
        Hq.Message done = hq.finalInstall(1006, NOTIFY_TIMEOUT);

        assertEquals("COMPLETED", done.metric("dp.install.status"), done.metrics() + "\n" + gateway.consoleTail());
        List<BlockPublisher.Ask> asks = publisher.asks();
        long resumedAt = asks.stream().mapToLong(BlockPublisher.Ask::offset).min().orElse(-1);
        long servedAfter = publisher.bytesServed();
        System.out.println("broker restarted after " + servedBefore + " bytes served: the gateway asked again from offset " + resumedAt
            + ", " + asks.size() + " requests after the restart, " + (servedBefore + servedAfter - v6.length) + " bytes served twice (block "
            + BLOCK + ")");
        assertTrue(resumedAt >= servedBefore - BLOCK && resumedAt <= servedBefore, "resumed at " + resumedAt + " after " + servedBefore);
        assertTrue(servedBefore + servedAfter - v6.length <= 2L * BLOCK, "served twice: " + (servedBefore + servedAfter - v6.length)
            + " bytes; asks " + asks);
        assertEquals(v6.length - resumedAt, (long) asks.stream().mapToLong(BlockPublisher.Ask::offset).distinct().count() * BLOCK
            - (BLOCK - v6.length % BLOCK) % BLOCK, "every block from there on asked");
        assertProbeRuns("6.0.0");
    }

    private static void quietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // the broker is gone; the client goes anyway
        }
    }
}
