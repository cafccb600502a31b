package io.outpost.hq.ingest;

import java.time.Clock;
import java.util.List;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.net.NoDelaySockets;

/**
 * One Paho client of ingest: reconnects on its own, subscribes at QoS 1 on every connect, prepares each message on
 * Paho's thread and hands it to the {@link IngestQueue}. Acknowledgements are manual: the PUBACK goes out when the
 * writer has committed the message, so a crash loses nothing the broker still holds (it sends unacknowledged
 * messages again when the session resumes).
 */
final class IngestConnection implements MqttCallbackExtended {

    private static final Logger LOG = LoggerFactory.getLogger(IngestConnection.class);

    private final IngestSettings settings;
    private final String clientId;
    private final List<String> filters;
    private final MessageHandler handler;
    private final IngestQueue queue;
    private final IngestCounters counters;
    private final Clock clock;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();

    IngestConnection(IngestSettings settings, String clientId, List<String> filters, MessageHandler handler, IngestQueue queue, IngestCounters counters, Clock clock)
            throws MqttException {
        this.settings = settings;
        this.clientId = clientId;
        this.filters = filters;
        this.handler = handler;
        this.queue = queue;
        this.counters = counters;
        this.clock = clock;
        this.client = new MqttAsyncClient(settings.brokerUri(), clientId, new MemoryPersistence());
        client.setCallback(this);
        client.setManualAcks(true);
        options.setAutomaticReconnect(true);
        options.setCleanSession(false);
        options.setMaxReconnectDelay(30_000);
        options.setKeepAliveInterval(30);
        options.setMaxInflight(1000);
        // no Nagle: manual PUBACKs are 4-byte packets, and with Nagle each waited for the broker's delayed ACK
        options.setSocketFactory(settings.brokerUri().startsWith("ssl:")
            ? NoDelaySockets.tls((javax.net.ssl.SSLSocketFactory) javax.net.ssl.SSLSocketFactory.getDefault()) : NoDelaySockets.plain());
        if (!settings.username().isEmpty()) {
            options.setUserName(settings.username());
            options.setPassword(settings.password().toCharArray());
        }
    }

    void connect() throws MqttException {
        client.connect(options, null, new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                // connectComplete subscribes
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                LOG.warn("HQ ingest cannot reach the broker {} yet ({}); retrying", settings.brokerUri(), e.getMessage());
                retryFirstConnect();
            }
        });
    }

    private void retryFirstConnect() {
        // Paho reconnects by itself only after a first successful connect.
        Thread retry = new Thread(() -> {
            try {
                Thread.sleep(2000);
                if (!client.isConnected()) {
                    client.connect(options, null, new IMqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable e) {
                            retryFirstConnect();
                        }
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_CLIENT_CLOSED
                        && e.getReasonCode() != MqttException.REASON_CODE_CLIENT_DISCONNECTING) {
                    retryFirstConnect();
                }
            }
        }, "outpost-hq-ingest-connect");
        retry.setDaemon(true);
        retry.start();
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        try {
            client.subscribe(filters.toArray(String[]::new), filters.stream().mapToInt(f -> 1).toArray());
            LOG.info("HQ ingest {} to {} as {}, subscribed to {}", reconnect ? "reconnected" : "connected", serverURI, clientId, filters);
        } catch (MqttException e) {
            LOG.warn("HQ ingest could not subscribe to {}: {}", filters, e.getMessage());
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
        PreparedMessage prepared;
        try {
            prepared = handler.prepare(topic, message.getPayload(), clock.instant());
        } catch (RuntimeException e) {
            // the handler counts its own problems; this only keeps Paho's connection alive whatever happens
            counters.count("unexpected");
            prepared = new PreparedMessage.Done(IngestOutcome.MALFORMED);
        }
        int id = message.getId();
        int qos = message.getQos();
        queue.submit(prepared, () -> acknowledge(id, qos));
    }

    private void acknowledge(int id, int qos) {
        try {
            client.messageArrivedComplete(id, qos);
        } catch (MqttException e) {
            LOG.debug("acknowledging message {} failed (the broker sends it again): {}", id, e.getMessage());
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        LOG.warn("HQ ingest {} lost the broker {}: {}; reconnecting", clientId, settings.brokerUri(), cause == null ? "" : cause.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // HQ publishes nothing yet
    }

    /** Stops taking messages; what is queued is still written (and its acknowledgements are lost: sent again later). */
    void disconnect() {
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            LOG.debug("disconnect: {}", e.getMessage());
        }
    }

    void close() {
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("close: {}", e.getMessage());
        }
    }
}
