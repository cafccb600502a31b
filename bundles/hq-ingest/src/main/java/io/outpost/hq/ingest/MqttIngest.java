package io.outpost.hq.ingest;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
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
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.hq.IngestStatistics;
import io.outpost.api.hq.IngestStore;
import io.outpost.api.hq.PayloadDecoder;

/**
 * The MQTT side of ingest: one Paho client per HQ instance, reconnecting on its own, subscribing at QoS 1 on every
 * connect (with {@code $share/<group>/} when configured). Paho acknowledges a message after
 * {@link #messageArrived} returns, that is after the store committed it, so a crash loses nothing the broker still
 * holds. Decoders are a whiteboard: {@link PayloadDecoder} services by their {@value PayloadDecoder#KIND}.
 */
@Component(service = IngestStatistics.class, immediate = true, configurationPid = "io.outpost.hq.ingest",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = IngestConfig.class)
public final class MqttIngest implements IngestStatistics, MqttCallbackExtended {

    private static final Logger LOG = LoggerFactory.getLogger(MqttIngest.class);

    private final ConcurrentMap<String, PayloadDecoder> decoders = new ConcurrentHashMap<>();
    private final IngestSettings settings;
    private final IngestCounters counters = new IngestCounters();
    private final MessageHandler handler;
    private final Clock clock = Clock.systemUTC();
    private final MqttAsyncClient client;

    @Activate
    public MqttIngest(IngestConfig config, @Reference IngestStore store,
            @Reference(target = "(" + PayloadDecoder.KIND + "=" + KuraProtobufDecoder.KIND + ")") PayloadDecoder kuraProtobuf,
            @Reference(target = "(" + PayloadDecoder.KIND + "=" + KuraJsonDecoder.KIND + ")") PayloadDecoder kuraJson) throws MqttException {
        this.settings = IngestSettings.of(config);
        // the kura decoders are required, so no message is taken before they are here; other kinds come and go
        decoders.put(KuraProtobufDecoder.KIND, kuraProtobuf);
        decoders.put(KuraJsonDecoder.KIND, kuraJson);
        ProblemLog problems = new ProblemLog(LOG, settings.problemLogSeconds() * 1000L, System::nanoTime);
        this.handler = new MessageHandler(new KuraTopics(settings.controlPrefix()),
                new GatewayRateLimiter(settings.ratePerGateway(), settings.rateBurst(), System::nanoTime, 100_000),
                new PayloadInflater(settings.maxInflatedBytes()), settings.maxPayloadBytes(), decoders::get, store, counters, problems);
        this.client = new MqttAsyncClient(settings.brokerUri(), settings.clientId(), new MemoryPersistence());
        client.setCallback(this);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setAutomaticReconnect(true);
        options.setCleanSession(false);
        options.setMaxReconnectDelay(30_000);
        options.setKeepAliveInterval(30);
        options.setMaxInflight(1000);
        if (!settings.username().isEmpty()) {
            options.setUserName(settings.username());
            options.setPassword(settings.password().toCharArray());
        }
        client.connect(options, null, new org.eclipse.paho.client.mqttv3.IMqttActionListener() {
            @Override
            public void onSuccess(org.eclipse.paho.client.mqttv3.IMqttToken token) {
                // connectComplete subscribes
            }

            @Override
            public void onFailure(org.eclipse.paho.client.mqttv3.IMqttToken token, Throwable e) {
                LOG.warn("HQ ingest cannot reach the broker {} yet ({}); retrying", settings.brokerUri(), e.getMessage());
                retryFirstConnect(options);
            }
        });
    }

    private void retryFirstConnect(MqttConnectOptions options) {
        // Paho reconnects by itself only after a first successful connect.
        Thread retry = new Thread(() -> {
            try {
                Thread.sleep(2000);
                if (!client.isConnected()) {
                    client.connect(options, null, new org.eclipse.paho.client.mqttv3.IMqttActionListener() {
                        @Override
                        public void onSuccess(org.eclipse.paho.client.mqttv3.IMqttToken token) {
                        }

                        @Override
                        public void onFailure(org.eclipse.paho.client.mqttv3.IMqttToken token, Throwable e) {
                            retryFirstConnect(options);
                        }
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_CLIENT_CLOSED
                        && e.getReasonCode() != MqttException.REASON_CODE_CLIENT_DISCONNECTING) {
                    retryFirstConnect(options);
                }
            }
        }, "outpost-hq-ingest-connect");
        retry.setDaemon(true);
        retry.start();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDecoder(PayloadDecoder decoder, Map<String, Object> properties) {
        Object kind = properties.get(PayloadDecoder.KIND);
        if (kind instanceof String k) {
            decoders.put(k, decoder);
        }
    }

    void removeDecoder(PayloadDecoder decoder, Map<String, Object> properties) {
        Object kind = properties.get(PayloadDecoder.KIND);
        if (kind instanceof String k && !k.equals(KuraProtobufDecoder.KIND) && !k.equals(KuraJsonDecoder.KIND)) {
            decoders.remove(k, decoder);
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        List<String> filters = settings.topicFilters();
        try {
            client.subscribe(filters.toArray(String[]::new), new int[] {1, 1});
            LOG.info("HQ ingest {} to {} as {}, subscribed to {}", reconnect ? "reconnected" : "connected", serverURI,
                    settings.clientId(), filters);
        } catch (MqttException e) {
            LOG.warn("HQ ingest could not subscribe to {}: {}", filters, e.getMessage());
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        try {
            handler.handle(topic, message.getPayload(), clock.instant());
        } catch (RuntimeException e) {
            // the handler counts its own problems; this only keeps Paho's connection alive whatever happens
            counters.count("unexpected");
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        LOG.warn("HQ ingest lost the broker {}: {}; reconnecting", settings.brokerUri(), cause == null ? "" : cause.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // HQ publishes nothing yet
    }

    @Override
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    @Deactivate
    void stop() {
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            LOG.debug("disconnect: {}", e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("close: {}", e.getMessage());
        }
    }
}
