package io.outpost.hq.notify.gatewaysms;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.hq.DecodedPayload;
import io.outpost.api.hq.MalformedPayloadException;
import io.outpost.api.hq.PayloadDecoder;
import io.outpost.api.hq.alert.Notification;
import io.outpost.api.hq.alert.NotifyException;
import io.outpost.api.hq.alert.Notifier;

/**
 * One gateway's modem per factory configuration ({@code io.outpost.hq.notify.gatewaysms~<label>.cfg}): each
 * notification is an {@code OUTPOST-SMS-V1 EXEC send} request to that gateway, and it counts as delivered when the
 * gateway answers 200 (its modem accepted the text). Any other answer, or none within {@code timeoutSeconds}, is a
 * {@link NotifyException} the alert engine retries. A retry after a lost reply may text the contact twice.
 */
@Component(configurationPid = "io.outpost.hq.notify.gatewaysms", configurationPolicy = ConfigurationPolicy.REQUIRE,
    property = Notifier.NAME + "=sms-gateway")
@Designate(ocd = GatewaySmsConfig.class, factory = true)
public final class GatewaySmsNotifier implements Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(GatewaySmsNotifier.class);
    static final String APP = "OUTPOST-SMS-V1";

    private final String name;
    private final String requestTopic;
    private final String replyFilter;
    private final String requester;
    private final String gateway;
    private final long timeoutSeconds;
    private final PayloadDecoder json;
    private final PayloadDecoder protobuf;
    private final MqttAsyncClient client;
    private final Map<String, CompletableFuture<byte[]>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final MqttConnectOptions options;
    private final ScheduledExecutorService retry;

    @Activate
    public GatewaySmsNotifier(GatewaySmsConfig config,
            @Reference(target = "(" + PayloadDecoder.KIND + "=kura-json)") PayloadDecoder json,
            @Reference(target = "(" + PayloadDecoder.KIND + "=kura-protobuf)") PayloadDecoder protobuf) throws MqttException {
        this.name = "hq sms-through-a-gateway notifier '" + config.outpost_hq_notifier() + "': ";
        this.gateway = level("gateway", config.gateway());
        this.requester = level("requester", config.requester());
        String account = level("account", config.account());
        this.requestTopic = "$EDC/" + account + "/" + gateway + "/" + APP + "/EXEC/send";
        this.replyFilter = "$EDC/" + account + "/" + requester + "/" + APP + "/REPLY/+";
        this.timeoutSeconds = config.timeoutSeconds();
        this.json = json;
        this.protobuf = protobuf;
        String broker = config.brokerUri() == null ? "" : config.brokerUri().strip();
        if (!broker.matches("(tcp|ssl)://[^/]+")) {
            throw new IllegalArgumentException(name + "'brokerUri' " + broker + " must be tcp://host:port or ssl://host:port");
        }
        this.client = new MqttAsyncClient(broker, requester + "-sms-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        client.setCallback(new Replies());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        if (!config.username().isEmpty()) {
            options.setUserName(config.username());
            options.setPassword(config.password().toCharArray());
        }
        this.options = options;
        this.retry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outpost-hq-sms-gateway-connect");
            t.setDaemon(true);
            return t;
        });
        connect();
    }

    /** Paho reconnects by itself only after a first connection: until then, try again every 5 s. */
    private void connect() {
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // Replies.connectComplete subscribes
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    LOG.warn("{}cannot reach the broker {} yet ({}); retrying", name, client.getServerURI(), String.valueOf(e.getMessage()));
                    scheduleConnect();
                }
            });
        } catch (MqttException e) {
            scheduleConnect();
        }
    }

    private void scheduleConnect() {
        try {
            retry.schedule(this::connect, 5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // deactivated
        }
    }

    private String level(String field, String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.length() > 128 || v.contains("/") || v.contains("+") || v.contains("#")) {
            throw new IllegalArgumentException(name + "'" + field + "' '" + v + "' must be one MQTT topic level (no /, +, #)");
        }
        return v;
    }

    @Deactivate
    void close() {
        retry.shutdownNow();
        waiting.values().forEach(f -> f.completeExceptionally(new IllegalStateException("notifier stopped")));
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2000);
            }
            client.close();
        } catch (MqttException e) {
            LOG.debug("closing the MQTT client failed", e);
        }
    }

    @Override
    public void send(Notification notification) throws NotifyException {
        if (!client.isConnected()) {
            throw new NotifyException(name + "not connected to the broker " + client.getServerURI());
        }
        String id = "sms-" + System.currentTimeMillis() + "-" + sequence.incrementAndGet();
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        waiting.put(id, reply);
        try {
            client.publish(requestTopic, SmsRequest.payload(id, requester, notification.to(), SmsRequest.text(notification.subject()),
                System.currentTimeMillis()), 1, false);
            check(decode(reply.get(timeoutSeconds, TimeUnit.SECONDS)));
        } catch (MqttException e) {
            throw new NotifyException(name + "could not publish the request: " + e, e);
        } catch (TimeoutException e) {
            throw new NotifyException(name + "gateway '" + gateway + "' did not answer within " + timeoutSeconds + " s");
        } catch (ExecutionException e) {
            throw new NotifyException(name + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotifyException(name + "interrupted", e);
        } finally {
            waiting.remove(id);
        }
    }

    private DecodedPayload decode(byte[] payload) throws NotifyException {
        boolean isJson = payload.length > 0 && payload[0] == '{';
        try {
            return (isJson ? json : protobuf).decode(payload);
        } catch (MalformedPayloadException e) {
            throw new NotifyException(name + "gateway '" + gateway + "' sent a reply HQ cannot read: " + e.getMessage(), e);
        }
    }

    private void check(DecodedPayload reply) throws NotifyException {
        Optional<Long> code = reply.whole("response.code");
        if (code.isEmpty()) {
            throw new NotifyException(name + "gateway '" + gateway + "' replied without response.code");
        }
        if (code.get() != 200) {
            String why = reply.metric("response.exception.message").map(m -> String.valueOf(m.value())).orElse("");
            throw new NotifyException(name + "gateway '" + gateway + "' answered " + code.get() + (why.isEmpty() ? "" : ": " + why));
        }
    }

    /** Subscribes on every connect; hands each reply to the send waiting for its request id. */
    private final class Replies implements MqttCallbackExtended {

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            try {
                client.subscribe(replyFilter, 1);
            } catch (MqttException e) {
                LOG.warn("{}could not subscribe to {}: {}", name, replyFilter, e.toString());
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            LOG.warn("{}lost the broker: {}", name, String.valueOf(cause));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            CompletableFuture<byte[]> f = waiting.get(topic.substring(topic.lastIndexOf('/') + 1));
            if (f != null) {
                f.complete(message.getPayload());
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
