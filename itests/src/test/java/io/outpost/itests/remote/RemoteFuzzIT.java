package io.outpost.itests.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.outpost.api.device.DeviceStatus;
import io.outpost.api.link.LinkState;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Devices;
import io.outpost.itests.support.Mosquitto;
import io.outpost.itests.support.MqttRecorder;
import io.outpost.itests.support.WiredLink;
import io.outpost.testing.control.Junk;
import io.outpost.testing.control.KuraRequestPayloads;

/**
 * The issue's fuzz test over the real path: 5,000 malformed, hostile and valid control messages published to a real
 * Mosquitto and received by the real link, Kura profile, dispatcher and handlers in Felix, while a simulated device's
 * readings flow upstream. Every answerable message gets exactly one reply with the right code, the others none; the
 * data path keeps delivering; heap use after GC does not grow; every bundle is still active.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class RemoteFuzzIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACCOUNT = "acct";
    private static final String GATEWAY = "gw-fuzz";
    private static final String ROOT = "$EDC/" + ACCOUNT + "/" + GATEWAY + "/";
    private static final int MESSAGES = 5_000;
    private static final int BATCH = 200;
    private static final int MAX_BYTES = 16 * 1024;
    private static final int NO_REPLY = -1;
    private static final List<String> HOSTILE_IDS = List.of("", "a/b", "#", "+", "hq/+/x", "x".repeat(300), "sp ace\u0000", "tab\t/");
    private static final Pattern CODE = Pattern.compile("\"response.code\":(\\d+)");
    private static final String BAD_CONF = "{\"configs\":[{\"pid\":\"io.outpost.filter\",\"properties\":{\"holdMessages\":true}}]}";

    @InjectService
    ConfigurationAdmin admin;

    @InjectBundleContext
    BundleContext context;

    private RemoteGateway gw;
    private Configurations configurations;
    private Mosquitto broker;
    private MqttRecorder replies;
    private MqttClient hq;
    private final AtomicLong dataMessages = new AtomicLong();
    private MqttClient data;

    /** One generated message and the reply code it must get, or {@link #NO_REPLY}. */
    private record Case(String topic, byte[] payload, int expected) {
    }

    @BeforeEach
    void gateway() throws Exception {
        gw = new RemoteGateway(admin, GATEWAY, "remote-fuzz-", Map.of("maxRequestBytes", MAX_BYTES,
            "maxInflatedRequestBytes", 4 * MAX_BYTES));
        configurations = gw.configurations;
        broker = gw.broker;
        configurations.single("io.outpost.request.conf", Map.of("snapshotDirectory", gw.work.resolve("snapshots").toString()));
        configurations.single("io.outpost.filter", Map.of("defaultAction", "pass-all"));
        gw.link(context, Map.of("requestQueue", 512));
        configurations.factory("io.outpost.device", "fuzz-sim", Map.of("name", "fuzz-sim", "driver", "sim", "pollMillis", "100",
            "channel.level.valueType", "double", "channel.level.waveform", "sine", "channel.level.min", "0", "channel.level.max", "100",
            "channel.level.periodSeconds", "10"));
        new Devices(context).await("fuzz-sim", DeviceStatus.RUNNING, WAIT, "the simulated device to run");
        replies = new MqttRecorder(broker.url(), "$EDC/" + ACCOUNT + "/+/+/REPLY/#");
        data = new MqttClient(broker.url(), "fuzz-data-" + System.nanoTime(), new MemoryPersistence());
        data.connect();
        data.subscribe(ACCOUNT + "/" + GATEWAY + "/#", 1, (t, m) -> dataMessages.incrementAndGet());
        hq = new MqttClient(broker.url(), "fuzz-hq-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMaxInflight(4 * BATCH);
        hq.connect(options);
        Await.until(WAIT, "the gateway to answer requests", () -> {
            String id = "ready-" + System.nanoTime();
            try {
                hq.publish(ROOT + "INVENTORY-V1/GET/systemPackages", request("hq", id, null), 1, false);
                replies.await(Duration.ofSeconds(2), "a first reply", r -> r.topic().endsWith("/" + id));
                return true;
            } catch (AssertionError | org.eclipse.paho.client.mqttv3.MqttException e) {
                return false;
            }
        });
        Await.until(WAIT, "readings upstream", () -> dataMessages.get() > 5);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (MqttClient c : new MqttClient[] {hq, data}) {
            if (c != null) {
                c.disconnect();
                c.close();
            }
        }
        if (replies != null) {
            replies.close();
        }
        gw.close();
    }

    @Test
    void fiveThousandBadAndGoodMessagesOverMqttGetOneReplyEachWhenAnswerableWhileTheDataKeepsFlowing() throws Exception {
        SplittableRandom random = new SplittableRandom(20261202L);
        Map<String, Integer> expected = new HashMap<>();
        publish(0, BATCH, random, expected);   // warm-up: classes loaded, pools filled
        long heapBefore = heapAfterGc();
        double quietRate = dataRate(Duration.ofSeconds(3));

        long dataBefore = dataMessages.get();
        long started = System.nanoTime();
        for (int from = BATCH; from < BATCH + MESSAGES; from += BATCH) {
            publish(from, BATCH, random, expected);
        }
        double fuzzSeconds = (System.nanoTime() - started) / 1e9;
        double fuzzRate = (dataMessages.get() - dataBefore) / fuzzSeconds;
        Thread.sleep(1000);   // a second reply would come right behind the first

        Map<String, Integer> got = new HashMap<>();
        for (MqttRecorder.Received r : replies.received()) {
            String id = r.topic().substring(r.topic().lastIndexOf('/') + 1);
            if (!id.startsWith("f-")) {
                continue;   // the readiness probes
            }
            Matcher code = CODE.matcher(r.text());
            assertTrue(code.find(), "a reply without response.code on " + r.topic());
            Integer before = got.put(id, Integer.parseInt(code.group(1)));
            assertEquals(null, before, "a second reply for " + id);
            assertTrue(r.topic().startsWith("$EDC/" + ACCOUNT + "/hq/") || r.topic().startsWith("$EDC/" + ACCOUNT + "/stranger-"),
                "a reply on a topic built from a hostile id: " + r.topic());
        }
        Map<String, Integer> wrong = new LinkedHashMap<>();
        expected.forEach((id, code) -> {
            if (!code.equals(got.get(id))) {
                wrong.put(id, got.get(id));
            }
        });
        got.keySet().stream().filter(id -> !expected.containsKey(id)).forEach(id -> wrong.put(id + " (no reply expected)", got.get(id)));
        assertTrue(wrong.isEmpty(), wrong.size() + " requests got a wrong or no reply, e.g. "
            + wrong.entrySet().stream().limit(10).toList() + " (of " + expected.size() + " answerable)");
        assertTrue(expected.size() > (BATCH + MESSAGES) / 3, "answerable " + expected.size());

        long heapAfter = heapAfterGc();
        System.out.printf("RemoteFuzzIT: %d messages in %.1f s (after %d of warm-up), %d answerable in all; data path %.1f msg/s quiet, %.1f msg/s during the fuzz; "
            + "heap after GC %.1f MB before, %.1f MB after%n", MESSAGES, fuzzSeconds, BATCH, expected.size(), quietRate, fuzzRate,
            heapBefore / 1e6, heapAfter / 1e6);
        assertTrue(fuzzRate >= 0.5 * quietRate, "the data path slowed from " + quietRate + " to " + fuzzRate + " msg/s during the fuzz");
        assertTrue(heapAfter - heapBefore < 16_000_000, "heap after GC grew by " + (heapAfter - heapBefore) + " bytes");
        for (Bundle b : context.getBundles()) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                assertEquals(Bundle.ACTIVE, b.getState(), b.getSymbolicName() + " is no longer active");
            }
        }
        assertEquals(LinkState.UP, new WiredLink(context).state());
        long after = dataMessages.get();
        Await.until(WAIT, "readings still upstream", () -> dataMessages.get() > after);
    }

    /** Publishes messages {@code from..from+n-1}, then waits for the answerable ones' replies (the queue is never overrun). */
    private void publish(int from, int n, SplittableRandom random, Map<String, Integer> expected) throws Exception {
        List<String> answerable = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            Case c = generate(i, random);
            hq.publish(c.topic(), c.payload(), 1, false);
            if (c.expected() != NO_REPLY) {
                answerable.add("f-" + i);
                expected.put("f-" + i, c.expected());
            }
        }
        Await.until(WAIT, "replies to the batch from " + from, () -> {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (MqttRecorder.Received r : replies.received()) {
                seen.add(r.topic().substring(r.topic().lastIndexOf('/') + 1));
            }
            return seen.containsAll(answerable);
        });
    }

    private Case generate(int n, SplittableRandom random) {
        String id = "f-" + n;
        String get = ROOT + "INVENTORY-V1/GET/systemPackages";
        return switch (n % 16) {
            case 0 -> new Case(get, request("hq", id, null), 200);
            case 1 -> new Case(get, KuraRequestPayloads.gzip(request("hq", id, Junk.bytes(random, 512))), 200);
            case 2 -> new Case(ROOT + "NOPE-V" + random.nextInt(100) + "/GET/x", request("hq", id, null), 404);
            case 3 -> new Case(ROOT + "INVENTORY-V1/" + List.of("get", "PATCH", "DELETE", "X", "REPLYX").get(random.nextInt(5)) + "/bundles",
                request("hq", id, null), 400);
            case 4 -> new Case(get, request("stranger-" + random.nextInt(9), id, null), 403);
            case 5 -> new Case(ROOT + "CONF-V1/PUT/configurations", request("hq", id, BAD_CONF.getBytes(StandardCharsets.UTF_8)), 400);
            case 6 -> new Case(get, KuraRequestPayloads.protobuf(Map.of("requester.client.id", "hq"), null), NO_REPLY);
            case 7 -> new Case(get, KuraRequestPayloads.protobuf(Map.of("request.id", 7L, "requester.client.id", "hq"), null), NO_REPLY);
            case 8 -> new Case(get, request(HOSTILE_IDS.get(random.nextInt(HOSTILE_IDS.size())), id, null), NO_REPLY);
            case 9 -> new Case(get, request("hq", HOSTILE_IDS.get(random.nextInt(HOSTILE_IDS.size())), null), NO_REPLY);
            case 10 -> new Case(get, Junk.bytes(random, 300), NO_REPLY);
            case 11 -> new Case(get, random.nextBoolean() ? KuraRequestPayloads.gzip(new byte[64 * MAX_BYTES])
                : Junk.concat(new byte[] {0x1f, (byte) 0x8b}, Junk.bytes(random, 200)), NO_REPLY);
            case 12 -> new Case(get, Junk.json(random), NO_REPLY);
            case 13 -> new Case(get, ("{\"metrics\":{\"request.id\":\"" + id + "\",\"requester.client.id\":\"hq\"},\"body\":\""
                + Base64.getEncoder().encodeToString(Junk.bytes(random, 64)) + "\"}").getBytes(StandardCharsets.UTF_8), 200);
            case 14 -> new Case(get, request("hq", id, new byte[MAX_BYTES + 1]), NO_REPLY);
            default -> new Case(ROOT + "INVENTORY-V1/GET/no-such-resource", request("hq", id, null), 404);
        };
    }

    private static byte[] request(String requester, String id, byte[] body) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("request.id", id);
        metrics.put("requester.client.id", requester);
        return KuraRequestPayloads.protobuf(metrics, body);
    }

    private double dataRate(Duration window) throws InterruptedException {
        long before = dataMessages.get();
        Thread.sleep(window.toMillis());
        return (dataMessages.get() - before) / (window.toMillis() / 1000.0);
    }

    private static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
