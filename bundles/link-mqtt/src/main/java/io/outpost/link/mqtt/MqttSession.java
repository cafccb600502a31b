package io.outpost.link.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

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
 * The Paho client of the current connection and the reconnect loop. A publish's future completes on the broker's
 * acknowledgement and fails when the connection drops, when no acknowledgement came within the delivery timeout,
 * or when its caller completes or cancels it; the outbox keeps and resends those messages.
 *
 * <p><b>The outbox owns resends, Paho never resends.</b> Every connection gets a fresh Paho client with empty
 * memory persistence, so Paho has nothing to replay after a reconnect (with {@code cleanSession=false} it would
 * otherwise send its own unconfirmed messages while the outbox sends them again, and the stale tokens would keep
 * Paho's in-flight slots taken until error 32202). A delivery that fails while its connection is still up (timeout,
 * cancelled by the caller) is removed from Paho's window with {@link MqttAsyncClient#removeMessage}; a late PUBACK
 * for it is then ignored by Paho.
 */
final class MqttSession {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSession.class);
    private static final long SWEEP_MILLIS = 250;
    /**
     * Until the first connection, a broker that refuses connections is tried again this often, this many times, before
     * the back-off takes over: a broker starting beside the link (the embedded one, a local Mosquitto started with the
     * gateway) is then used within 100 ms of listening, not a back-off later. Refused connections only: a timeout or a
     * rejected CONNECT waits out the back-off as before.
     */
    static final long QUICK_RETRY_MILLIS = 100;
    static final int QUICK_RETRIES = 30;

    /** What the session tells its owner. */
    interface Events {
        /** Connected (first time or again); a good moment for the birth certificate. */
        void connected(boolean reconnect);

        void disconnected(Throwable cause);

        /** A message arrived on a subscription; called on Paho's callback thread, so it must return at once. */
        void arrived(String topic, byte[] payload);
    }

    /** Makes the Paho client of one connection. */
    interface ClientFactory {
        MqttAsyncClient create() throws MqttException;
    }

    private final String serverUri;
    private final ClientFactory clients;
    private final Supplier<MqttConnectOptions> optionsFactory;
    /** Built on the first connect attempt, on the timer's thread; only that thread touches it. */
    private MqttConnectOptions options;
    private volatile int quickRetriesLeft = QUICK_RETRIES;
    private final Backoff backoff;
    private final ScheduledExecutorService timer;
    private final Events events;
    private final long deliveryTimeoutNanos;
    private final OversizeWatch oversize;
    private final Map<Long, Delivery> unconfirmed = new ConcurrentHashMap<>();
    private final Queue<MqttAsyncClient> retired = new ConcurrentLinkedQueue<>();
    /** Outbox messages whose connection went before the broker confirmed them; told to the oversize watch at the next connect. */
    private final Queue<OversizeWatch.InFlight> cutOff = new ConcurrentLinkedQueue<>();
    private volatile boolean lossToReport;
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong publishSequence = new AtomicLong();
    /** The connected client, null while there is no connection. */
    private volatile MqttAsyncClient client;
    private volatile boolean closed;
    private volatile boolean everConnected;

    MqttSession(String serverUri, ClientFactory clients, Supplier<MqttConnectOptions> options, Backoff backoff,
            ScheduledExecutorService timer, Duration deliveryTimeout, OversizeWatch oversize, Events events) {
        this.serverUri = serverUri;
        this.clients = clients;
        this.optionsFactory = options;
        this.backoff = backoff;
        this.timer = timer;
        this.deliveryTimeoutNanos = deliveryTimeout.toNanos();
        this.oversize = oversize;
        this.events = events;
    }

    void start() {
        timer.execute(this::connect);
        timer.scheduleWithFixedDelay(this::expireOverdue, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    boolean isConnected() {
        MqttAsyncClient current = client;
        return current != null && current.isConnected();
    }

    long reconnects() {
        return reconnects.get();
    }

    int unconfirmedCount() {
        return unconfirmed.size();
    }

    /** Paho's own count of messages in its window on the current connection (0 when there is none), for tests. */
    int pahoInFlight() {
        MqttAsyncClient current = client;
        return current == null ? 0 : current.getInFlightMessageCount();
    }

    private void connect() {
        if (closed) {
            return;
        }
        closeRetired();
        reportLoss();
        if (options == null) {
            try {
                options = optionsFactory.get();
            } catch (RuntimeException e) {
                LOG.warn("MQTT link cannot build its connect options (the cloud profile's last will): {}", e.toString());
                scheduleReconnect(e);
                return;
            }
        }
        MqttAsyncClient fresh;
        try {
            fresh = clients.create();
        } catch (MqttException e) {
            scheduleReconnect(e);
            return;
        }
        fresh.setCallback(new Callback(fresh));
        try {
            fresh.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    if (closed) {
                        discardLate(fresh);
                        return;
                    }
                    client = fresh;
                    backoff.reset();
                    boolean again = everConnected;
                    everConnected = true;
                    if (again) {
                        reconnects.incrementAndGet();
                    }
                    LOG.info("MQTT link connected to {}", serverUri);
                    events.connected(again);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    retired.add(fresh);
                    scheduleReconnect(failure);
                }
            });
        } catch (MqttException e) {
            retired.add(fresh);
            scheduleReconnect(e);
        }
    }

    private void scheduleReconnect(Throwable cause) {
        if (closed) {
            return;
        }
        if (!everConnected && quickRetriesLeft > 0 && refused(cause)) {
            if (quickRetriesLeft == QUICK_RETRIES) {
                LOG.info("MQTT link: {} refuses connections ({}); trying again every {} ms, {} times, then backing off",
                    serverUri, describe(cause), QUICK_RETRY_MILLIS, QUICK_RETRIES);
            }
            quickRetriesLeft--;
            timer.schedule(this::connect, QUICK_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        long delay = backoff.nextDelayMillis();
        LOG.info("MQTT link cannot reach {} ({}); next attempt in {} ms", serverUri, describe(cause), delay);
        timer.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * Publishes; the stage completes when the broker acknowledged (QoS 1/2).
     *
     * @param outboxId the outbox's id of the message, or -1 for the link's own messages (birth)
     */
    CompletableFuture<Void> publish(EncodedMessage message, long outboxId) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        MqttAsyncClient current = client;
        if (current == null || !current.isConnected()) {
            done.completeExceptionally(new IllegalStateException("MQTT link is down"));
            return done;
        }
        int bytes = message.payload().length;
        if (outboxId >= 0) {
            var tooLarge = oversize.refusal(bytes);
            if (tooLarge.isPresent()) {
                done.completeExceptionally(tooLarge.get());
                return done;
            }
        }
        long key = publishSequence.incrementAndGet();
        Delivery delivery = new Delivery(outboxId, bytes, current, System.nanoTime() + deliveryTimeoutNanos, done);
        unconfirmed.put(key, delivery);
        done.whenComplete((ok, failure) -> {
            unconfirmed.remove(key);
            if (failure != null) {
                if (current != client || !current.isConnected()) {
                    if (outboxId >= 0) {
                        cutOff.add(new OversizeWatch.InFlight(outboxId, bytes));
                    }
                } else {
                    delivery.releaseWindowSlot();
                }
            }
        });
        try {
            IMqttDeliveryToken token = current.publish(message.topic(), message.payload(), message.qos(), message.retained(), null,
                new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken t) {
                        oversize.confirmed(bytes);
                        done.complete(null);
                    }

                    @Override
                    public void onFailure(IMqttToken t, Throwable failure) {
                        done.completeExceptionally(failure);
                    }
                });
            delivery.sent(token);
        } catch (MqttException | RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Fails deliveries that waited longer than the delivery timeout; their Paho slots are freed on completion. */
    private void expireOverdue() {
        long now = System.nanoTime();
        for (Delivery delivery : unconfirmed.values()) {
            if (now - delivery.deadline > 0) {
                delivery.done.completeExceptionally(new TimeoutException("MQTT link: no PUBACK within "
                    + TimeUnit.NANOSECONDS.toSeconds(deliveryTimeoutNanos) + " s"));
            }
        }
    }

    private void lost(MqttAsyncClient owner, Throwable cause) {
        if (owner != client) {
            return;
        }
        client = null;
        retired.add(owner);
        lossToReport = true;
        List<Delivery> cut = unconfirmed.values().stream().filter(d -> d.client == owner).toList();
        IllegalStateException lost = new IllegalStateException("MQTT connection lost before the broker confirmed: " + describe(cause));
        cut.forEach(d -> d.done.completeExceptionally(lost));
        LOG.warn("MQTT link lost {}: {} ({} unconfirmed)", serverUri, describe(cause), cut.size());
        events.disconnected(cause);
        scheduleReconnect(cause);
    }

    /**
     * Tells the oversize watch what the last lost connection took with it. Paho fails a lost connection's publishes on
     * its own threads, before or after {@code connectionLost}, so this waits for the next connect attempt to have them all.
     */
    private void reportLoss() {
        if (!lossToReport) {
            return;
        }
        lossToReport = false;
        List<OversizeWatch.InFlight> inFlight = new java.util.ArrayList<>();
        OversizeWatch.InFlight f;
        while ((f = cutOff.poll()) != null) {
            inFlight.add(f);
        }
        oversize.connectionLost(inFlight);
    }

    /**
     * Subscribes the current connection (if any) to the filter; a failure is logged, the next connect subscribes again.
     * Non-blocking, so it may be called from the connect callback.
     */
    void subscribe(String filter, int qos) {
        MqttAsyncClient current = client;
        if (current == null) {
            return;
        }
        try {
            current.subscribe(filter, qos, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] granted = token.getGrantedQos();
                    if (granted != null && granted.length > 0 && granted[0] == 0x80) {
                        LOG.warn("MQTT broker {} refused the subscription to {} (check its ACL)", serverUri, filter);
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    LOG.warn("MQTT link could not subscribe to {}: {}", filter, describe(failure));
                }
            });
        } catch (MqttException | RuntimeException e) {
            LOG.warn("MQTT link could not subscribe to {}: {}", filter, describe(e));
        }
    }

    /** Publishes the disconnect message if connected, then disconnects and releases every client. */
    void close(EncodedMessage goodbye) {
        closed = true;
        MqttAsyncClient current = client;
        client = null;
        if (current != null) {
            try {
                if (current.isConnected()) {
                    if (goodbye != null) {
                        current.publish(goodbye.topic(), goodbye.payload(), goodbye.qos(), goodbye.retained()).waitForCompletion(2000);
                    }
                    current.disconnect(2000).waitForCompletion(3000);
                }
            } catch (MqttException e) {
                LOG.debug("MQTT disconnect failed", e);
            }
            retired.add(current);
        }
        closeRetired();
        IllegalStateException stopped = new IllegalStateException("MQTT link stopped");
        unconfirmed.values().forEach(d -> d.done.completeExceptionally(stopped));
    }

    /**
     * A connect that succeeded after {@link #close}: nothing will close that client any more, and Paho refuses a
     * disconnect from its own callback thread, so a short-lived thread of its own does it.
     */
    private void discardLate(MqttAsyncClient late) {
        Thread closer = new Thread(() -> {
            try {
                late.disconnectForcibly(0, 1000);
            } catch (MqttException e) {
                LOG.debug("disconnecting a late MQTT client failed", e);
            }
            try {
                late.close(true);
            } catch (MqttException e) {
                LOG.debug("closing a late MQTT client failed", e);
            }
        }, "outpost-mqtt-link-closer");
        closer.setDaemon(true);
        closer.start();
    }

    private void closeRetired() {
        MqttAsyncClient old;
        while ((old = retired.poll()) != null) {
            try {
                old.close(true);
            } catch (MqttException e) {
                LOG.debug("closing a retired MQTT client failed", e);
            }
        }
    }

    /** A connection refused by the peer's host (nothing listens on the port yet), anywhere in the cause chain. */
    static boolean refused(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable t) {
        if (t == null) {
            return "no cause";
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? t.toString() : t + " / " + root;
    }

    /** One unconfirmed publish and the Paho client that carries it. */
    private final class Delivery {
        final long outboxId;
        final int bytes;
        final MqttAsyncClient client;
        final long deadline;
        final CompletableFuture<Void> done;
        private IMqttDeliveryToken token;
        private boolean failed;

        Delivery(long outboxId, int bytes, MqttAsyncClient client, long deadline, CompletableFuture<Void> done) {
            this.outboxId = outboxId;
            this.bytes = bytes;
            this.client = client;
            this.deadline = deadline;
            this.done = done;
        }

        synchronized void sent(IMqttDeliveryToken sent) {
            token = sent;
            if (failed) {
                remove();
            }
        }

        /** The delivery failed on our side: take the message out of Paho's window unless its connection is gone anyway. */
        synchronized void releaseWindowSlot() {
            if (failed) {
                return;
            }
            failed = true;
            if (token != null) {
                remove();
            }
        }

        private void remove() {
            if (token.isComplete() || client != MqttSession.this.client) {
                return;
            }
            try {
                client.removeMessage(token);
            } catch (MqttException | RuntimeException e) {
                LOG.debug("MQTT link could not release an expired message from Paho's window", e);
            }
        }
    }

    /** Callbacks of one connection's client; those of a client that is no longer current are ignored. */
    private final class Callback implements MqttCallbackExtended {
        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // reported through the connect listener, which also knows about the first connect
        }

        @Override
        public void connectionLost(Throwable cause) {
            lost(owner, cause);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (owner == client) {
                events.arrived(topic, message.getPayload());
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // confirmations are reported per publish through its listener
        }
    }
}
