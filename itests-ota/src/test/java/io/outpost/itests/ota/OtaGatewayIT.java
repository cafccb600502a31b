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
import java.util.Properties;
import java.util.TreeMap;
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
 * OTA end to end: the assembled gateway as a process, a real Mosquitto, the JDK's HTTP server as HQ's artifact
 * server, DEPLOY-V2 over MQTT with Paho. The tests share one gateway and run in order; each leaves the probe bundle
 * at a version the next one starts from.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OtaGatewayIT {

    private static final int MB = 1024 * 1024;
    private static final long NOTIFY_TIMEOUT = 90_000;

    private static Path work;
    private static Mosquitto mosquitto;
    private static PackageServer server;
    private static GatewayProcess gateway;
    private static Hq hq;
    private static KeyPair trusted;
    private static KeyPair stranger;
    private static String probeVersion = "";

    record BundleRow(String version, long id, String state) {
    }

    @BeforeAll
    static void startGateway() throws Exception {
        work = Path.of(System.getProperty("outpost.itests.work", "target/ota-work")).toAbsolutePath();
        Files.createDirectories(work);
        trusted = SigningKeys.generate();
        stranger = SigningKeys.generate();
        mosquitto = new Mosquitto(work.resolve("mosquitto"));
        server = new PackageServer();
        hq = new Hq(mosquitto.port());
        gateway = new GatewayProcess(work.resolve("gateway"), mosquitto.port(), SigningKeys.publicKeyText(trusted.getPublic()));
        startAndWaitForBirth();
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (hq != null) {
            hq.close();
        }
        if (server != null) {
            server.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
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

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static Map<String, Object> downloadMetrics(long jobId, String path, String name, String version) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dp.uri", server.url(path));
        m.put("dp.name", name);
        m.put("dp.version", version);
        m.put("job.id", jobId);
        m.put("dp.download.protocol", "HTTP");
        m.put("dp.install.system.update", false);
        m.put("dp.download.block.size", 16384);
        return m;
    }

    /** Publishes the package (and its signature, when not null) and asks the gateway to download and install it. */
    private static void startDeploy(long jobId, String path, byte[] content, String signature, String version) throws Exception {
        startDeploy(jobId, path, content, signature, "probe", version);
    }

    private static void startDeploy(long jobId, String path, byte[] content, String signature, String name, String version)
        throws Exception {
        server.put(path, content);
        if (signature == null) {
            server.remove(path + ".sig");
        } else {
            server.put(path + ".sig", signature.getBytes());
        }
        Map<String, Object> metrics = downloadMetrics(jobId, path, name, version);
        metrics.put("dp.download.hash", "SHA-256:" + HexFormat.of().formatHex(TestPackages.sha256(content, work)));
        Hq.Message reply = hq.request("DEPLOY-V2", "EXEC", "download", metrics, 30_000);
        assertEquals(200L, reply.metric("response.code"), "EXEC download reply " + reply.metrics());
    }

    private static Hq.Message deploy(long jobId, String path, byte[] content, String signature, String version) throws Exception {
        startDeploy(jobId, path, content, signature, version);
        return hq.finalInstall(jobId, NOTIFY_TIMEOUT);
    }

    private static Map<String, BundleRow> bundles() throws Exception {
        Hq.Message reply = hq.request("DEPLOY-V2", "GET", "bundles", Map.of(), 30_000);
        Map<String, BundleRow> rows = new TreeMap<>();
        Matcher m = Pattern.compile("<bundle><name>([^<]*)</name><version>([^<]*)</version><id>(\\d+)</id><state>([^<]*)</state></bundle>")
            .matcher(reply.body());
        while (m.find()) {
            rows.put(m.group(1), new BundleRow(m.group(2), Long.parseLong(m.group(3)), m.group(4)));
        }
        assertTrue(rows.size() > 10, "GET bundles: " + reply.body());
        return rows;
    }

    /**
     * The bundles once the gateway has finished starting: FileInstall starts the bundles of deploy/ a little after
     * the birth certificate, so a snapshot is taken when two of them a second apart agree.
     */
    private static Map<String, BundleRow> settledBundles() throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        Map<String, BundleRow> last = bundles();
        while (System.currentTimeMillis() < end) {
            Thread.sleep(1_000);
            Map<String, BundleRow> now = bundles();
            if (now.equals(last) && now.values().stream().noneMatch(b -> b.state().equals("STARTING"))) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the bundles did not settle within 30 s: " + last);
    }

    private static String packagedVersion(String name) throws Exception {
        Hq.Message reply = hq.request("DEPLOY-V2", "GET", "packages", Map.of(), 30_000);
        Matcher m = Pattern.compile("<package><name>" + Pattern.quote(name) + "</name><version>([^<]*)</version>").matcher(reply.body());
        return m.find() ? m.group(1) : "";
    }

    /** The probe runs at this version; after a restart the framework may still be starting it, so this waits a little. */
    private static void assertProbeRuns(String version) throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        BundleRow probe = bundles().get(TestPackages.PROBE);
        while ((probe == null || !probe.state().equals("ACTIVE")) && System.currentTimeMillis() < end) {
            Thread.sleep(200);
            probe = bundles().get(TestPackages.PROBE);
        }
        assertEquals(version, probe == null ? "none" : probe.version(), "running probe version");
        assertEquals("ACTIVE", probe.state());
    }

    // ---- tests ------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void aNewVersionReplacesTheOldAndOtherBundlesAreNotRestarted() throws Exception {
        byte[] v1 = TestPackages.probe("1.0.0", MB);
        long t0 = System.nanoTime();
        Hq.Message first = deploy(101, "probe-1.jar", v1, TestPackages.sign(v1, trusted, work), "1.0.0");
        long firstMillis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("COMPLETED", first.metric("dp.install.status"), first.metrics().toString());
        assertProbeRuns("1.0.0");
        Map<String, BundleRow> before = settledBundles();
        long connectsBefore = mosquitto.connections(GatewayProcess.CLIENT_ID);

        byte[] v2 = TestPackages.probe("2.0.0", MB);
        long t1 = System.nanoTime();
        Hq.Message second = deploy(102, "probe-2.jar", v2, TestPackages.sign(v2, trusted, work), "2.0.0");
        long secondMillis = (System.nanoTime() - t1) / 1_000_000;

        assertEquals("COMPLETED", second.metric("dp.install.status"), second.metrics().toString());
        assertEquals("valid", second.metric("dp.install.signature"));
        assertEquals("healthy", second.metric("dp.install.health"));
        assertEquals(false, second.metric("dp.install.rolled.back"));
        // the gateway watched the framework during the job: no bundle outside the package was stopped (and so restarted)
        assertEquals("", first.metric("dp.install.restarted"), first.metrics().toString());
        assertEquals("", second.metric("dp.install.restarted"), second.metrics().toString());
        Map<String, BundleRow> after = bundles();
        assertEquals("2.0.0", after.get(TestPackages.PROBE).version());
        assertEquals(before.get(TestPackages.PROBE).id(), after.get(TestPackages.PROBE).id(), "updated in place");
        for (Map.Entry<String, BundleRow> e : before.entrySet()) {
            if (!e.getKey().equals(TestPackages.PROBE)) {
                assertEquals(e.getValue(), after.get(e.getKey()), "untouched bundle " + e.getKey());
            }
        }
        assertEquals(connectsBefore, mosquitto.connections(GatewayProcess.CLIENT_ID), "the link did not reconnect (the broker's log)");
        assertEquals("2.0.0", packagedVersion("probe"));
        probeVersion = "2.0.0";
        System.out.println("1 MB package end to end (EXEC download -> COMPLETED install notification): first "
            + firstMillis + " ms, update " + secondMillis + " ms");
    }

    @Test
    @Order(2)
    void tamperedUnsignedAndUntrustedPackagesAreRefusedAndNothingChanges() throws Exception {
        Map<String, BundleRow> before = bundles();
        byte[] v3 = TestPackages.probe("3.0.0", 64 * 1024);
        String goodSignature = TestPackages.sign(v3, trusted, work);
        byte[] tampered = v3.clone();
        tampered[tampered.length / 2] ^= 1;

        Hq.Message t = deploy(201, "tampered.jar", tampered, goodSignature, "3.0.0");
        Hq.Message u = deploy(202, "unsigned.jar", v3, null, "3.0.0");
        Hq.Message s = deploy(203, "stranger.jar", v3, TestPackages.sign(v3, stranger, work), "3.0.0");

        assertEquals("tampered", t.metric("dp.install.signature"), t.metrics().toString());
        assertEquals("unsigned", u.metric("dp.install.signature"), u.metrics().toString());
        assertEquals("untrusted", s.metric("dp.install.signature"), s.metrics().toString());
        for (Hq.Message m : List.of(t, u, s)) {
            assertEquals("FAILED", m.metric("dp.install.status"));
            assertTrue(String.valueOf(m.metric("dp.install.error.message")).startsWith("refused"), m.metrics().toString());
        }
        assertEquals(before, bundles(), "nothing changed on the gateway");
        assertEquals("2.0.0", packagedVersion("probe"));
    }

    @Test
    @Order(3)
    void aDropAtHalfResumesWithARangeRequest() throws Exception {
        byte[] v3 = TestPackages.probe("3.0.0", MB);
        server.reset();
        server.dropAtHalfOnce("probe-3.jar");
        Hq.Message done = deploy(301, "probe-3.jar", v3, TestPackages.sign(v3, trusted, work), "3.0.0");

        assertEquals("COMPLETED", done.metric("dp.install.status"), done.metrics().toString());
        List<PackageServer.Hit> hits = server.hits().stream().filter(h -> h.path().equals("/probe-3.jar")).toList();
        assertEquals(2, hits.size(), hits.toString());
        assertEquals("", hits.get(0).range());
        assertTrue(hits.get(1).range().matches("bytes=\\d+-"), hits.toString());
        long from = Long.parseLong(hits.get(1).range().replaceAll("\\D", ""));
        long redownloaded = server.bytesServed("probe-3.jar") - v3.length;
        System.out.println("drop at 50 %: resumed from byte " + from + " of " + v3.length + ", re-downloaded " + redownloaded
            + " bytes (block 16384)");
        assertTrue(redownloaded <= 16384, "re-downloaded " + redownloaded);
        assertTrue(from >= v3.length / 2 - 16384 && from <= v3.length / 2, "resumed from " + from);
        assertProbeRuns("3.0.0");
        probeVersion = "3.0.0";
    }

    @Test
    @Order(4)
    void aBundleThatFailsToActivateIsRolledBackAndSaysSo() throws Exception {
        byte[] broken = TestPackages.bundle(TestPackages.PROBE, "4.0.0", 1024, Map.of("Bundle-Activator", "io.outpost.itests.missing.Activator"));
        Hq.Message m = deploy(401, "probe-4.jar", broken, TestPackages.sign(broken, trusted, work), "4.0.0");

        assertEquals("FAILED", m.metric("dp.install.status"), m.metrics().toString());
        assertEquals(true, m.metric("dp.install.rolled.back"));
        assertEquals("rolled-back", m.metric("dp.install.state"));
        assertTrue(String.valueOf(m.metric("dp.install.error.message")).contains("did not start"), m.metrics().toString());
        assertProbeRuns("3.0.0");
    }

    @Test
    @Order(5)
    void aBundleThatNeverBecomesHealthyIsRolledBackAtTheDeadline() throws Exception {
        // its DS component never gets its reference, so the health check fails at its deadline
        byte[] lazy = TestPackages.neverHealthy("4.1.0", 1024);
        Hq.Message m = deploy(402, "probe-41.jar", lazy, TestPackages.sign(lazy, trusted, work), "4.1.0");

        assertEquals("FAILED", m.metric("dp.install.status"), m.metrics().toString());
        assertEquals(true, m.metric("dp.install.rolled.back"));
        assertTrue(String.valueOf(m.metric("dp.install.health")).contains("probe.waiting of io.outpost.itests.ota.probe is missing references nobody"), m.metrics().toString());
        assertProbeRuns("3.0.0");
    }

    @Test
    @Order(6)
    void aPackageWhoseOwnHealthCheckFailsIsRolledBackAndSaysSo() throws Exception {
        // the bundle starts and has no DS component; its activator registers a Felix HealthCheck that answers CRITICAL
        byte[] critical = TestPackages.criticalHealthCheck("4.2.0", 1024);
        Hq.Message m = deploy(403, "probe-42.jar", critical, TestPackages.sign(critical, trusted, work), "4.2.0");

        assertEquals("FAILED", m.metric("dp.install.status"), m.metrics() + "\n" + gateway.consoleTail());
        assertEquals(true, m.metric("dp.install.rolled.back"), m.metrics().toString());
        assertEquals("rolled-back", m.metric("dp.install.state"));
        assertEquals("valid", m.metric("dp.install.signature"));
        assertTrue(String.valueOf(m.metric("dp.install.health")).startsWith("failed: health check 'probe critical' is CRITICAL"),
            m.metrics().toString());
        assertTrue(String.valueOf(m.metric("dp.install.error.message")).startsWith("health check failed: health check 'probe critical'"),
            m.metrics().toString());
        assertTrue(hq.received().stream().anyMatch(x -> x.topic().endsWith("/NOTIFY/" + GatewayProcess.CLIENT_ID + "/install")
            && Long.valueOf(403).equals(x.metric("job.id")) && "checking".equals(x.metric("dp.install.state"))), "it got to the check");
        assertProbeRuns("3.0.0");
        assertEquals("3.0.0", packagedVersion("probe"), "the package list still names the previous version");
    }

    @Test
    @Order(7)
    void theMqttLinkBundleItselfIsUpdatedOverTheAir() throws Exception {
        Path linkJar;
        try (var files = Files.list(gateway.home().resolve("bundle"))) {
            linkJar = files.filter(p -> p.getFileName().toString().startsWith("io.outpost.link.mqtt-")).findFirst().orElseThrow();
        }
        String oldVersion = bundles().get("io.outpost.link.mqtt").version();
        byte[] link = TestPackages.withVersion(linkJar, "0.1.0.ota2");
        startDeploy(601, "link.jar", link, TestPackages.sign(link, trusted, work), "mqtt-link", "0.1.0.ota2");
        Hq.Message m = hq.finalInstall(601, NOTIFY_TIMEOUT);

        assertEquals("COMPLETED", m.metric("dp.install.status"), m.metrics().toString());
        Map<String, BundleRow> after = bundles();
        assertEquals("0.1.0.ota2", after.get("io.outpost.link.mqtt").version(), "was " + oldVersion);
        assertEquals("ACTIVE", after.get("io.outpost.link.mqtt").state());
        assertEquals("0.1.0.ota2", packagedVersion("mqtt-link"));
        assertEquals("3.0.0", packagedVersion("probe"));
    }

    @Test
    @Order(8)
    void aLibraryUpdateRestartsItsUsersAndSaysWhich() throws Exception {
        // io.outpost.codec.compact exports a package that only io.outpost.request.compact imports: the refresh after
        // the update stops and starts that one bundle, and the notification says so (the happy path says "")
        Path codecJar;
        try (var files = Files.list(gateway.home().resolve("bundle"))) {
            codecJar = files.filter(p -> p.getFileName().toString().startsWith("io.outpost.codec.compact-")).findFirst().orElseThrow();
        }
        Map<String, BundleRow> before = bundles();
        byte[] codec = TestPackages.withVersion(codecJar, "0.1.0.ota2");
        startDeploy(651, "codec.jar", codec, TestPackages.sign(codec, trusted, work), "codec", "0.1.0.ota2");
        Hq.Message m = hq.finalInstall(651, NOTIFY_TIMEOUT);

        assertEquals("COMPLETED", m.metric("dp.install.status"), m.metrics().toString());
        assertEquals("io.outpost.request.compact", m.metric("dp.install.restarted"), m.metrics().toString());
        Map<String, BundleRow> after = bundles();
        assertEquals("0.1.0.ota2", after.get("io.outpost.codec.compact").version());
        assertEquals(before.get("io.outpost.request.compact"), after.get("io.outpost.request.compact"), "restarted, same id, ACTIVE again");
    }

    @Test
    @Order(9)
    void aRestartMidDownloadResumesAndUpdatesPersistAcrossRestarts() throws Exception {
        byte[] v5 = TestPackages.probe("5.0.0", MB);
        server.reset();
        server.throttle(256 * 1024);
        startDeploy(701, "probe-5.jar", v5, TestPackages.sign(v5, trusted, work), "5.0.0");
        long end = System.currentTimeMillis() + 30_000;
        while (server.bytesServed() < 400 * 1024 && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        gateway.kill();
        server.throttle(0);
        startAndWaitForBirth();
        Hq.Message m = hq.finalInstall(701, NOTIFY_TIMEOUT);

        assertEquals("COMPLETED", m.metric("dp.install.status"), m.metrics().toString());
        List<PackageServer.Hit> hits = server.hits().stream().filter(h -> h.path().equals("/probe-5.jar")).toList();
        assertTrue(hits.size() >= 2 && hits.get(hits.size() - 1).range().matches("bytes=\\d+-"), hits.toString());
        assertProbeRuns("5.0.0");
        assertEquals("0.1.0.ota2", bundles().get("io.outpost.link.mqtt").version(), "the OTA'd link survived the restart");
        probeVersion = "5.0.0";
    }

    @Test
    @Order(10)
    void killMinusNineAtTwentyPointsAlwaysLeavesACommittedVersion() throws Exception {
        Map<String, Integer> statesHit = new TreeMap<>();
        String running = probeVersion;
        for (int i = 0; i < 20; i++) {
            long jobId = 800 + i;
            boolean slowHealth = i % 2 == 1;
            String version = "6." + i + ".0";
            byte[] pkg = slowHealth
                ? TestPackages.neverHealthy(version, 256 * 1024)
                : TestPackages.probe(version, MB);
            server.reset();
            server.throttle(slowHealth ? 0 : 512 * 1024);
            startDeploy(jobId, "probe-6-" + i + ".jar", pkg, TestPackages.sign(pkg, trusted, work), version);
            Thread.sleep(slowHealth ? 300 + i * 150L : 150 + i * 120L);
            String state = gateway.journal().map(p -> p.getProperty("state", "?")).orElse("none");
            gateway.kill();
            statesHit.merge(state, 1, Integer::sum);
            server.throttle(0);
            startAndWaitForBirth();

            Properties journal = awaitReported(jobId);
            String outcome = journal.getProperty("state");
            if (outcome.equals("committed")) {
                running = version;
            }
            assertTrue(List.of("committed", "rolled-back", "failed").contains(outcome), "kill " + i + " in " + state + ": " + journal);
            assertProbeRuns(running);
            assertEquals(running, packagedVersion("probe"), "the package list agrees with what runs (kill " + i + " in " + state + ")");
        }
        System.out.println("kill -9 points by journal state at the kill: " + statesHit);
        assertTrue(statesHit.getOrDefault("downloading", 0) > 0 && statesHit.getOrDefault("checking", 0) > 0, statesHit.toString());
    }

    @Test
    @Order(11)
    void theOtaBundleUpdatesItself() throws Exception {
        Path otaJar;
        try (var files = Files.list(gateway.home().resolve("bundle"))) {
            otaJar = files.filter(p -> p.getFileName().toString().startsWith("io.outpost.ota-")).findFirst().orElseThrow();
        }
        byte[] ota = TestPackages.withVersion(otaJar, "0.1.0.ota2");
        startDeploy(901, "ota.jar", ota, TestPackages.sign(ota, trusted, work), "ota", "0.1.0.ota2");
        Hq.Message m = hq.finalInstall(901, NOTIFY_TIMEOUT);

        assertEquals("COMPLETED", m.metric("dp.install.status"), m.metrics().toString());
        assertEquals("0.1.0.ota2", bundles().get("io.outpost.ota").version());
        assertEquals("0.1.0.ota2", packagedVersion("ota"));
    }

    private static Properties awaitReported(long jobId) throws Exception {
        long end = System.currentTimeMillis() + NOTIFY_TIMEOUT;
        while (System.currentTimeMillis() < end) {
            Properties p = gateway.journal().orElse(new Properties());
            if (String.valueOf(jobId).equals(p.getProperty("job.id")) && "true".equals(p.getProperty("reported"))) {
                return p;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + jobId + " not finished and reported: " + gateway.journal() + "\n" + gateway.consoleTail());
    }
}
