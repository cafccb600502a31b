package io.outpost.hq.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import io.outpost.api.hq.DecodedPayload;
import io.outpost.api.hq.GatewayId;
import io.outpost.api.hq.IncomingMessage;
import io.outpost.api.hq.IngestStore;
import io.outpost.api.hq.LifecycleEvent;
import io.outpost.api.hq.MessageClass;
import io.outpost.api.hq.PayloadDecoder;
import io.outpost.api.hq.StoreOutcome;

class MessageHandlerTest {

    /** Keeps messages in memory with the same key as the database's unique constraint. */
    static final class MemoryStore implements IngestStore {
        final List<IncomingMessage> stored = new ArrayList<>();
        final List<LifecycleEvent> events = new ArrayList<>();
        final Set<String> keys = new HashSet<>();

        @Override
        public StoreOutcome store(IncomingMessage m) {
            if (m.msgid().isPresent() && !keys.add(m.gateway() + "/" + m.epoch().orElse(0) + "/" + m.msgid().getAsLong())) {
                return StoreOutcome.DUPLICATE;
            }
            stored.add(m);
            return StoreOutcome.STORED;
        }

        @Override
        public void lifecycle(GatewayId gateway, LifecycleEvent event, DecodedPayload payload, Instant receivedAt) {
            events.add(event);
        }
    }

    private final AtomicLong nanos = new AtomicLong();
    private final MemoryStore store = new MemoryStore();
    private final IngestCounters counters = new IngestCounters();
    private final Map<String, PayloadDecoder> decoders = Map.of(KuraProtobufDecoder.KIND, new KuraProtobufDecoder(),
            KuraJsonDecoder.KIND, new KuraJsonDecoder());
    private final MessageHandler handler = new MessageHandler(new KuraTopics("$EDC"), new GatewayRateLimiter(10, 20, nanos::get, 1000),
            new PayloadInflater(65536), 4096, decoders::get, store, counters,
            new ProblemLog(LoggerFactory.getLogger(MessageHandlerTest.class), 60_000, nanos::get));

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private IngestOutcome handle(String topic, byte[] payload) {
        return handler.handle(topic, payload, Instant.EPOCH);
    }

    @Test
    void storesDataOnceAndTellsADuplicate() {
        byte[] data = new KuraPayloadBytes().timestamp(1000).doubleMetric("t", 1).longMetric("outpost.msgid", 5).longMetric("outpost.epoch", 9).bytes();
        assertEquals(IngestOutcome.STORED, handle("outpost/gw/data/sim1", data));
        assertEquals(IngestOutcome.DUPLICATE, handle("outpost/gw/data/sim1", KuraPayloadBytes.gzip(data)));
        assertEquals(IngestOutcome.STORED, handle("outpost/gw/data/sim1", json("{\"metrics\":{\"t\":2,\"outpost.msgid\":5,\"outpost.epoch\":10}}")));
        assertEquals(2, store.stored.size());
        IncomingMessage first = store.stored.get(0);
        assertEquals(9, first.epoch().getAsLong());
        assertEquals(5, first.msgid().getAsLong());
        assertEquals(Instant.ofEpochMilli(1000), first.time());
        assertEquals(MessageClass.DATA, first.messageClass());
        assertEquals(1L, counters.get("duplicate"));
    }

    @Test
    void routesAlarmsAndLifecycle() {
        assertEquals(IngestOutcome.STORED, handle("outpost/gw/alarms/sim1",
                json("{\"metrics\":{\"channel\":\"t\",\"state\":\"raised\",\"limit\":\"high\",\"threshold\":30,\"value\":31,\"outpost.msgid\":1}}")));
        assertEquals(MessageClass.ALARM, store.stored.get(0).messageClass());
        assertEquals(IngestOutcome.LIFECYCLE, handle("$EDC/outpost/gw/MQTT/BIRTH", new KuraPayloadBytes().stringMetric("model_name", "x").bytes()));
        assertEquals(IngestOutcome.LIFECYCLE, handle("$EDC/outpost/gw/MQTT/LWT", new byte[0]));
        assertEquals(List.of(LifecycleEvent.BIRTH, LifecycleEvent.LWT), store.events);
    }

    @Test
    void aBatchStoresTheDataBetweenLifecycleEventsTogetherAndAnswersInOrder() {
        List<List<Long>> calls = new ArrayList<>();
        List<String> order = new ArrayList<>();
        IngestStore recording = new IngestStore() {
            @Override
            public StoreOutcome store(IncomingMessage m) {
                return store.store(m);
            }

            @Override
            public List<StoreOutcome> storeAll(List<IncomingMessage> messages) {
                calls.add(messages.stream().map(m -> m.msgid().getAsLong()).toList());
                order.add("data x" + messages.size());
                return IngestStore.super.storeAll(messages);
            }

            @Override
            public void lifecycle(GatewayId gateway, LifecycleEvent event, DecodedPayload payload, Instant receivedAt) {
                order.add(event.name());
            }
        };
        MessageHandler batching = new MessageHandler(new KuraTopics("$EDC"), new GatewayRateLimiter(1000, 1000, nanos::get, 1000),
                new PayloadInflater(65536), 4096, decoders::get, recording, counters,
                new ProblemLog(LoggerFactory.getLogger(MessageHandlerTest.class), 60_000, nanos::get));
        List<PreparedMessage> batch = List.of(
                batching.prepare("outpost/gw/data/sim1", json("{\"metrics\":{\"t\":1,\"outpost.msgid\":1}}"), Instant.EPOCH),
                batching.prepare("outpost/gw/data/sim1", json("{\"metrics\":{\"t\":2,\"outpost.msgid\":2}}"), Instant.EPOCH),
                batching.prepare("whatever", json("{}"), Instant.EPOCH),
                batching.prepare("$EDC/outpost/gw/MQTT/DC", new byte[0], Instant.EPOCH),
                batching.prepare("outpost/gw/data/sim1", json("{\"metrics\":{\"t\":3,\"outpost.msgid\":1}}"), Instant.EPOCH),
                batching.prepare("outpost/gw/data/sim1", json("{\"metrics\":{\"t\":4,\"outpost.msgid\":3}}"), Instant.EPOCH));
        assertTrue(store.stored.isEmpty(), "prepare stores nothing");
        assertEquals(List.of(IngestOutcome.STORED, IngestOutcome.STORED, IngestOutcome.REJECTED_TOPIC, IngestOutcome.LIFECYCLE,
                IngestOutcome.DUPLICATE, IngestOutcome.STORED), batching.complete(batch));
        assertEquals(List.of("data x2", "DC", "data x2"), order, "the data before the DC is stored before it");
        assertEquals(List.of(List.of(1L, 2L), List.of(1L, 3L)), calls);
        assertEquals(3L, counters.get("stored"));
        assertEquals(1L, counters.get("duplicate"));
    }

    @Test
    void whenABatchFailsAsAWholeEachMessageIsStoredOnItsOwnAndOnlyTheBadOneIsLost() {
        IngestStore flaky = new IngestStore() {
            @Override
            public StoreOutcome store(IncomingMessage m) {
                if (m.msgid().getAsLong() == 2) {
                    throw new IllegalStateException("value refused by the database");
                }
                return store.store(m);
            }

            @Override
            public List<StoreOutcome> storeAll(List<IncomingMessage> messages) {
                throw new IllegalStateException("the batch failed");
            }

            @Override
            public void lifecycle(GatewayId gateway, LifecycleEvent event, DecodedPayload payload, Instant receivedAt) {
            }
        };
        MessageHandler batching = new MessageHandler(new KuraTopics("$EDC"), new GatewayRateLimiter(1000, 1000, nanos::get, 1000),
                new PayloadInflater(65536), 4096, decoders::get, flaky, counters,
                new ProblemLog(LoggerFactory.getLogger(MessageHandlerTest.class), 60_000, nanos::get));
        List<PreparedMessage> batch = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            batch.add(batching.prepare("outpost/gw/data/sim1", json("{\"metrics\":{\"t\":1,\"outpost.msgid\":" + i + "}}"), Instant.EPOCH));
        }
        assertEquals(List.of(IngestOutcome.STORED, IngestOutcome.STORE_FAILED, IngestOutcome.STORED), batching.complete(batch));
        assertEquals(2, store.stored.size());
        assertEquals(1L, counters.get("store-failed"));
    }

    @Test
    void badInputStoresNothingAndIsCountedByKind() {
        assertEquals(IngestOutcome.MALFORMED, handle("outpost/gw/data/sim1", json("{\"metrics\": oops}")));
        assertEquals(IngestOutcome.MALFORMED, handle("outpost/gw/data/sim1", json("{\"metrics\":{\"outpost.msgid\":1.5}}")));
        assertEquals(IngestOutcome.MALFORMED, handle("outpost/gw/data/sim1", json("{\"metrics\":{\"outpost.msgid\":0}}")));
        assertEquals(IngestOutcome.MALFORMED, handle("outpost/gw/data/sim1", json("{\"metrics\":{\"outpost.epoch\":\"x\"}}")));
        assertEquals(IngestOutcome.MALFORMED, handle("outpost/gw/alarms/sim1", json("{\"metrics\":{\"state\":\"raised\"}}")));
        assertEquals(IngestOutcome.TOO_LARGE, handle("outpost/gw/data/sim1", new byte[5000]));
        assertEquals(IngestOutcome.MALFORMED, handle("outpost/gw/data/sim1", KuraPayloadBytes.gzip(new byte[100_000])));
        assertEquals(IngestOutcome.REJECTED_TOPIC, handle("outpost/g w/data/sim1", json("{}")));
        assertEquals(IngestOutcome.REJECTED_TOPIC, handle("whatever", json("{}")));
        assertEquals(IngestOutcome.IGNORED, handle("$EDC/outpost/gw/CONF-V1/REPLY/1", json("{}")));
        assertTrue(store.stored.isEmpty() && store.events.isEmpty());
        assertEquals(6L, counters.get("malformed"));
        assertEquals(2L, counters.get("rejected-topic"));
    }

    @Test
    void aFloodFromOneGatewayIsRateLimitedAndCountedWhileOthersPass() {
        byte[] data = json("{\"metrics\":{\"t\":1}}");
        int stored = 0;
        for (int i = 0; i < 100; i++) {
            stored += handle("outpost/flood/data/sim1", data) == IngestOutcome.STORED ? 1 : 0;
        }
        assertEquals(20, stored, "the burst");
        assertEquals(80L, counters.get("rate-limited"));
        assertEquals(IngestOutcome.STORED, handle("outpost/quiet/data/sim1", data));
    }

    @Test
    void aStoreFailureIsCountedNotThrown() {
        MessageHandler failing = new MessageHandler(new KuraTopics("$EDC"), new GatewayRateLimiter(10, 20, nanos::get, 1000),
                new PayloadInflater(65536), 4096, decoders::get, new IngestStore() {
                    @Override
                    public StoreOutcome store(IncomingMessage message) {
                        throw new IllegalStateException("database down");
                    }

                    @Override
                    public void lifecycle(GatewayId g, LifecycleEvent e, DecodedPayload p, Instant t) {
                        throw new IllegalStateException("database down");
                    }
                }, counters, new ProblemLog(LoggerFactory.getLogger(MessageHandlerTest.class), 60_000, nanos::get));
        assertEquals(IngestOutcome.STORE_FAILED, failing.handle("outpost/gw/data/d", json("{}"), Instant.EPOCH));
        assertEquals(IngestOutcome.STORE_FAILED, failing.handle("$EDC/outpost/gw/MQTT/DC", json("{}"), Instant.EPOCH));
    }

    @Test
    void randomTopicsAndPayloadsNeverThrow() {
        Random random = new Random(3);
        String[] topics = {"outpost/gw/data/x", "outpost/gw/alarms/x", "$EDC/outpost/gw/MQTT/BIRTH", "#/+/data/x", "", "/", "$EDC"};
        for (int i = 0; i < 5000; i++) {
            byte[] payload = new byte[random.nextInt(200)];
            random.nextBytes(payload);
            if (i % 3 == 0 && payload.length > 0) {
                payload[0] = '{';
            }
            nanos.addAndGet(1_000_000_000L);
            handle(topics[random.nextInt(topics.length)], payload);
        }
    }
}
