package io.outpost.link.mqtt;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.profile.EncodedMessage;

/**
 * One Paho client and its reconnect loop. Publishes encoded messages at their QoS; a publish's future completes
 * on the broker's acknowledgement, and every unconfirmed future fails when the connection drops, so the outbox
 * keeps and resends those messages.
 */
final class MqttSession implements MqttCallbackExtended {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSession.class);

    /** What the session tells its owner. */
    interface Events {
        /** Connected (first time or again); a good moment for the birth certificate. */
        void connected(boolean reconnect);

        void disconnected(Throwable cause);
    }

    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final Backoff backoff;
    private final ScheduledExecutorService timer;
    private final Events events;
    private final Map<Long, CompletableFuture<Void>> unconfirmed = new ConcurrentHashMap<>();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong publishSequence = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean everConnected;

    MqttSession(MqttAsyncClient client, MqttConnectOptions options, Backoff backoff, ScheduledExecutorService timer, Events events) {
        this.client = client;
        this.options = options;
        this.backoff = backoff;
        this.timer = timer;
        this.events = events;
        client.setCallback(this);
    }

    void start() {
        timer.execute(this::connect);
    }

    boolean isConnected() {
        return client.isConnected();
    }

    long reconnects() {
        return reconnects.get();
    }

    int unconfirmedCount() {
        return unconfirmed.size();
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    backoff.reset();
                    boolean again = everConnected;
                    everConnected = true;
                    if (again) {
                        reconnects.incrementAndGet();
                    }
                    LOG.info("MQTT link connected to {}", client.getServerURI());
                    events.connected(again);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    scheduleReconnect(failure);
                }
            });
        } catch (MqttException e) {
            scheduleReconnect(e);
        }
    }

    private void scheduleReconnect(Throwable cause) {
        if (closed) {
            return;
        }
        long delay = backoff.nextDelayMillis();
        LOG.info("MQTT link cannot reach {} ({}); next attempt in {} ms", client.getServerURI(), describe(cause), delay);
        timer.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Publishes; the stage completes when the broker acknowledged (QoS 1/2) or the message left (QoS 0). */
    CompletionStage<Void> publish(EncodedMessage message) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!client.isConnected()) {
            done.completeExceptionally(new IllegalStateException("MQTT link is down"));
            return done;
        }
        long key = publishSequence.incrementAndGet();
        unconfirmed.put(key, done);
        done.whenComplete((ok, failure) -> unconfirmed.remove(key));
        try {
            client.publish(message.topic(), message.payload(), message.qos(), message.retained(), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    done.completeExceptionally(failure);
                }
            });
        } catch (MqttException | RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        // reported through the connect listener, which also knows about the first connect
    }

    @Override
    public void connectionLost(Throwable cause) {
        IllegalStateException lost = new IllegalStateException("MQTT connection lost: " + describe(cause));
        unconfirmed.values().forEach(f -> f.completeExceptionally(lost));
        LOG.warn("MQTT link lost {}: {}", client.getServerURI(), describe(cause));
        events.disconnected(cause);
        scheduleReconnect(cause);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        // control messages are handled by the request dispatcher (later); nothing is subscribed yet
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // confirmations are reported per publish through its listener
    }

    /** Publishes the disconnect message if connected, then disconnects and releases the client. */
    void close(EncodedMessage goodbye) {
        closed = true;
        try {
            if (client.isConnected()) {
                if (goodbye != null) {
                    client.publish(goodbye.topic(), goodbye.payload(), goodbye.qos(), goodbye.retained()).waitForCompletion(2000);
                }
                client.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            LOG.debug("MQTT disconnect failed", e);
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT close failed", e);
        }
        IllegalStateException stopped = new IllegalStateException("MQTT link stopped");
        unconfirmed.values().forEach(f -> f.completeExceptionally(stopped));
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "no cause";
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? t.toString() : t + " / " + root;
    }
}
