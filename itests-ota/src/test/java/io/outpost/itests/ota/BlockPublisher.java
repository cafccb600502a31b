package io.outpost.itests.ota;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import io.outpost.json.JsonText;

/**
 * HQ's side of OTA-BLOCK-V1 in the test (docs/ota.md): a Paho client on the real Mosquitto that reads the gateway's
 * block requests on {@code $EDC/outpost/hq/OTA-BLOCK-V1/GET/<gw>} and answers each with {@code PUT <job.id>/<offset>}
 * on the gateway's control topic (Kura simple-json, the bytes as the base64 body), as requester {@code hq}. It records
 * every request, can stop answering, and can delay its answers.
 */
final class BlockPublisher implements AutoCloseable {

    /**
     * One block request as it arrived. {@code sentOn} is the time the gateway made it (the payload's timestamp): the
     * outbox may deliver a request again after a crash (at least once), and such a replay keeps its {@code sentOn}.
     */
    record Ask(long jobId, String uri, long offset, int length, long sentOn, long at) {
    }

    private final MqttClient client;
    private final Map<String, byte[]> packages = new ConcurrentHashMap<>();
    private final List<Ask> asks = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicLong bytesServed = new AtomicLong();
    private volatile boolean answering = true;
    private volatile long silentFrom = Long.MAX_VALUE;  // offsets from here on get no answer while answering is false
    private volatile long delayMillis;

    BlockPublisher(int port) throws Exception {
        client = new MqttClient("tcp://127.0.0.1:" + port, "hq-blocks", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(100);
        client.connect(options);
        client.subscribe("$EDC/outpost/hq/OTA-BLOCK-V1/GET/" + GatewayProcess.CLIENT_ID, 1, (topic, message) -> onAsk(message));
    }

    void put(String packageId, byte[] content) {
        packages.put(packageId, content);
    }

    /** From the first request at or after {@code offset} on, no answer until {@link #answerAgain()}. */
    void goSilentAt(long offset) {
        silentFrom = offset;
        answering = false;
    }

    void answerAgain() {
        answering = true;
        silentFrom = Long.MAX_VALUE;
    }

    void delay(long millis) {
        delayMillis = millis;
    }

    void reset() {
        asks.clear();
        bytesServed.set(0);
        answerAgain();
        delayMillis = 0;
    }

    List<Ask> asks() {
        return List.copyOf(asks);
    }

    long bytesServed() {
        return bytesServed.get();
    }

    /** The requests the gateway made, without the outbox's replays of one it had made before. */
    List<Ask> madeAsks() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return asks.stream().filter(a -> seen.add(a.offset() + "@" + a.sentOn())).toList();
    }

    /** Requests delivered again by the outbox (same offset, same time made). */
    int replays() {
        return asks.size() - madeAsks().size();
    }

    /** Bytes the gateway asked for more than once: the sum of the lengths of every request it made for an offset it had asked before. */
    long bytesAskedAgain() {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        long again = 0;
        for (Ask a : madeAsks()) {
            if (!seen.add(a.offset())) {
                again += a.length();
            }
        }
        return again;
    }

    /** Bytes of the blocks the gateway asked for more than once, each block counted once however often it was asked again. */
    long distinctBytesAskedAgain() {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        Map<Long, Integer> again = new java.util.HashMap<>();
        for (Ask a : madeAsks()) {
            if (!seen.add(a.offset())) {
                again.put(a.offset(), a.length());
            }
        }
        return again.values().stream().mapToLong(Integer::longValue).sum();
    }

    private void onAsk(MqttMessage message) throws Exception {
        Object json = JsonText.parse(new String(message.getPayload(), StandardCharsets.UTF_8));
        Map<?, ?> metrics = (Map<?, ?>) ((Map<?, ?>) json).get("metrics");
        Object sentOn = ((Map<?, ?>) json).get("sentOn");
        long jobId = ((Number) metrics.get("job.id")).longValue();
        String uri = (String) metrics.get("dp.uri");
        long offset = ((Number) metrics.get("offset")).longValue();
        int length = ((Number) metrics.get("length")).intValue();
        asks.add(new Ask(jobId, uri, offset, length, sentOn instanceof Number n ? n.longValue() : -1, System.currentTimeMillis()));
        if (!answering && offset >= silentFrom) {
            return;
        }
        if (delayMillis > 0) {
            Thread.sleep(delayMillis);
        }
        byte[] content = packages.get(uri.substring("mqtt:".length()));
        StringBuilder answer = new StringBuilder("{\"metrics\":{\"request.id\":\"b-" + ids.incrementAndGet() + "\",\"requester.client.id\":\"hq\"");
        if (content == null) {
            answer.append(",\"block.error\":\"no package ").append(uri.replace("\"", "")).append("\"}}");
        } else {
            byte[] block = Arrays.copyOfRange(content, (int) Math.min(offset, content.length), (int) Math.min(content.length, offset + length));
            bytesServed.addAndGet(block.length);
            answer.append(",\"dp.download.size\":").append(content.length).append("},\"body\":\"")
                .append(Base64.getEncoder().encodeToString(block)).append("\"}");
        }
        MqttMessage reply = new MqttMessage(answer.toString().getBytes(StandardCharsets.UTF_8));
        reply.setQos(1);
        client.publish("$EDC/outpost/" + GatewayProcess.CLIENT_ID + "/OTA-BLOCK-V1/PUT/" + jobId + "/" + offset, reply);
    }

    @Override
    public void close() throws Exception {
        client.disconnectForcibly(1000);
        client.close();
    }
}
