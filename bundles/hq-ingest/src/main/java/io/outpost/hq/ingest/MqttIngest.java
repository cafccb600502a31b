package io.outpost.hq.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.eclipse.paho.client.mqttv3.MqttException;
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
 * The MQTT side of ingest: {@code consumers} Paho clients per HQ instance (several only with a shared group), each
 * preparing messages on its own thread, and one {@link IngestQueue} whose writer stores them in batches and then
 * acknowledges them. Decoders are a whiteboard: {@link PayloadDecoder} services by their {@value PayloadDecoder#KIND}.
 */
@Component(service = IngestStatistics.class, immediate = true, configurationPid = "io.outpost.hq.ingest",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = IngestConfig.class)
public final class MqttIngest implements IngestStatistics {

    private static final Logger LOG = LoggerFactory.getLogger(MqttIngest.class);

    private final ConcurrentMap<String, PayloadDecoder> decoders = new ConcurrentHashMap<>();
    private final IngestCounters counters = new IngestCounters();
    private final IngestQueue queue;
    private final List<IngestConnection> connections = new ArrayList<>();

    @Activate
    public MqttIngest(IngestConfig config, @Reference IngestStore store,
            @Reference(target = "(" + PayloadDecoder.KIND + "=" + KuraProtobufDecoder.KIND + ")") PayloadDecoder kuraProtobuf,
            @Reference(target = "(" + PayloadDecoder.KIND + "=" + KuraJsonDecoder.KIND + ")") PayloadDecoder kuraJson) throws MqttException {
        IngestSettings settings = IngestSettings.of(config);
        // the kura decoders are required, so no message is taken before they are here; other kinds come and go
        decoders.put(KuraProtobufDecoder.KIND, kuraProtobuf);
        decoders.put(KuraJsonDecoder.KIND, kuraJson);
        ProblemLog problems = new ProblemLog(LOG, settings.problemLogSeconds() * 1000L, System::nanoTime);
        MessageHandler handler = new MessageHandler(new KuraTopics(settings.controlPrefix()),
                new GatewayRateLimiter(settings.ratePerGateway(), settings.rateBurst(), System::nanoTime, 100_000),
                new PayloadInflater(settings.maxInflatedBytes()), settings.maxPayloadBytes(), decoders::get, store, counters, problems);
        this.queue = new IngestQueue(settings.batchSize(), handler::complete);
        try {
            List<String> clientIds = settings.consumerClientIds();
            for (int i = 0; i < clientIds.size(); i++) {
                IngestConnection connection = new IngestConnection(settings, clientIds.get(i), settings.topicFilters(i), handler, queue, counters,
                        Clock.systemUTC());
                connections.add(connection);
                connection.connect();
            }
        } catch (MqttException | RuntimeException e) {
            stop();
            throw e;
        }
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
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    @Deactivate
    void stop() {
        connections.forEach(IngestConnection::disconnect);
        queue.close();
        connections.forEach(IngestConnection::close);
    }
}
