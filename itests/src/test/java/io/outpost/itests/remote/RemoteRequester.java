package io.outpost.itests.remote;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import io.outpost.itests.support.MqttRecorder;
import io.outpost.itests.support.MqttRecorder.Received;

/**
 * HQ's side of a request: publishes a simple-json KuraPayload with {@code request.id} and
 * {@code requester.client.id} on the gateway's control topic and waits for the reply on the requester's REPLY topic.
 */
public final class RemoteRequester implements AutoCloseable {

    private static final Pattern CODE = Pattern.compile("\"response.code\":(\\d+)");
    private static final Pattern MESSAGE = Pattern.compile("\"response.exception.message\":\"([^\"]*)\"");
    private static final Pattern BODY = Pattern.compile("\"body\":\"([^\"]*)\"");

    /** A reply as HQ reads it. */
    public record Reply(int code, String message, String body, String topic) {
    }

    /** A request sent without waiting: its reply topic and when it was published. */
    record Sent(String replyTopic, long publishedNanos) {
    }

    private final String account;
    private final String gateway;
    private final String requester;
    private final MqttClient client;
    private final MqttRecorder replies;
    private final MqttClient timing;
    private int sequence;
    private final Map<String, Long> arrivalNanos = new ConcurrentHashMap<>();

    public RemoteRequester(String brokerUrl, String account, String gateway, String requester) throws MqttException {
        this.account = account;
        this.gateway = gateway;
        this.requester = requester;
        this.replies = new MqttRecorder(brokerUrl, "$EDC/" + account + "/" + requester + "/+/REPLY/#");
        this.timing = new MqttClient(brokerUrl, "timing-" + requester + "-" + System.nanoTime(), new MemoryPersistence());
        timing.connect();
        timing.subscribe("$EDC/" + account + "/" + requester + "/+/REPLY/#", 1,
            (topic, message) -> arrivalNanos.putIfAbsent(topic, System.nanoTime()));
        this.client = new MqttClient(brokerUrl, "requester-" + requester + "-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        // Paho may release a QoS 1 in-flight slot only after publish() returned: a window of 10 fails 100 quick requests (32202)
        options.setMaxInflight(1000);
        client.connect(options);
    }

    public Reply call(String appId, String verb, String resource, String body, Duration timeout) throws MqttException {
        Sent sent = send(appId, verb, resource, body);
        return reply(sent, timeout, verb + " " + appId + "/" + resource);
    }

    /** Publishes a request without waiting for its reply. */
    Sent send(String appId, String verb, String resource, String body) throws MqttException {
        String id = "it-" + System.nanoTime() + "-" + (++sequence);
        String json = "{\"sentOn\":" + System.currentTimeMillis() + ",\"metrics\":{\"request.id\":\"" + id + "\",\"requester.client.id\":\""
            + requester + "\"}" + (body == null ? "" : ",\"body\":\"" + Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "\"")
            + "}";
        String topic = "$EDC/" + account + "/" + gateway + "/" + appId + "/" + verb + "/" + resource;
        long published = System.nanoTime();
        client.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
        return new Sent("$EDC/" + account + "/" + requester + "/" + appId + "/REPLY/" + id, published);
    }

    /** Milliseconds from publishing to the reply's arrival. */
    double latencyMillis(Sent sent) {
        Long arrived = arrivalNanos.get(sent.replyTopic());
        if (arrived == null) {
            throw new AssertionError("no reply on " + sent.replyTopic());
        }
        return (arrived - sent.publishedNanos()) / 1e6;
    }

    /** The replies received on a topic (to check there is exactly one). */
    List<Received> repliesOn(String topic) {
        return replies.on(topic);
    }

    Reply reply(Sent sent, Duration timeout, String what) {
        String replyTopic = sent.replyTopic();
        Received r = replies.await(timeout, "the reply to " + what, m -> m.topic().equals(replyTopic));
        String text = r.text();
        Matcher code = CODE.matcher(text);
        if (!code.find()) {
            throw new AssertionError("a reply without response.code: " + text);
        }
        Matcher message = MESSAGE.matcher(text);
        Matcher b = BODY.matcher(text);
        return new Reply(Integer.parseInt(code.group(1)), message.find() ? message.group(1) : "",
            b.find() ? new String(Base64.getDecoder().decode(b.group(1)), StandardCharsets.UTF_8) : "", r.topic());
    }

    /** How many replies arrived for this requester so far (to show that none came). */
    int repliesReceived() {
        return replies.received().size();
    }

    @Override
    public void close() throws MqttException {
        try {
            timing.disconnect();
            timing.close();
            client.disconnect();
        } finally {
            client.close();
            replies.close();
        }
    }
}
