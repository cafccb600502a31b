package io.outpost.hq.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

import io.outpost.api.hq.DecodedPayload;
import io.outpost.api.hq.IncomingMessage;
import io.outpost.api.hq.IngestStore;
import io.outpost.api.hq.MalformedPayloadException;
import io.outpost.api.hq.MessageClass;
import io.outpost.api.hq.Metric;
import io.outpost.api.hq.PayloadDecoder;
import io.outpost.api.hq.StoreOutcome;

/**
 * One MQTT message from topic to store: route, rate limit, size limit, inflate, decode ({@link #prepare}, on the
 * MQTT client's thread), then store ({@link #complete}, many messages at once on the writer's thread). Never
 * throws: a problem is counted and reported to the {@link ProblemLog}.
 */
final class MessageHandler {

    private final KuraTopics topics;
    private final GatewayRateLimiter limiter;
    private final PayloadInflater inflater;
    private final int maxPayloadBytes;
    private final Function<String, PayloadDecoder> decoders;
    private final IngestStore store;
    private final IngestCounters counters;
    private final ProblemLog problems;

    MessageHandler(KuraTopics topics, GatewayRateLimiter limiter, PayloadInflater inflater, int maxPayloadBytes,
            Function<String, PayloadDecoder> decoders, IngestStore store, IngestCounters counters, ProblemLog problems) {
        this.topics = topics;
        this.limiter = limiter;
        this.inflater = inflater;
        this.maxPayloadBytes = maxPayloadBytes;
        this.decoders = decoders;
        this.store = store;
        this.counters = counters;
        this.problems = problems;
    }

    /** One message, prepared and stored at once. */
    IngestOutcome handle(String topic, byte[] payload, Instant receivedAt) {
        return complete(List.of(prepare(topic, payload, receivedAt))).get(0);
    }

    /** Everything up to the store; safe to call from several MQTT client threads. */
    PreparedMessage prepare(String topic, byte[] payload, Instant receivedAt) {
        try {
            return route(topic, payload, receivedAt);
        } catch (RuntimeException e) {
            problems.report("unexpected", e.toString());
            return new PreparedMessage.Done(IngestOutcome.MALFORMED);
        }
    }

    /**
     * Stores prepared messages in their order: the data and alarm messages between two lifecycle events in one
     * {@link IngestStore#storeAll} call, each lifecycle event when its turn comes. Counts every outcome.
     */
    List<IngestOutcome> complete(List<PreparedMessage> batch) {
        IngestOutcome[] outcomes = new IngestOutcome[batch.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            PreparedMessage p = batch.get(i);
            if (p instanceof PreparedMessage.Done done) {
                outcomes[i] = done.outcome();
            } else if (p instanceof PreparedMessage.Data) {
                pending.add(i);
            } else {
                storeData(batch, pending, outcomes);
                PreparedMessage.Lifecycle life = (PreparedMessage.Lifecycle) p;
                try {
                    store.lifecycle(life.gateway(), life.event(), life.payload(), life.receivedAt());
                    outcomes[i] = IngestOutcome.LIFECYCLE;
                } catch (RuntimeException e) {
                    problems.report("store failed", e.getMessage());
                    outcomes[i] = IngestOutcome.STORE_FAILED;
                }
            }
        }
        storeData(batch, pending, outcomes);
        for (IngestOutcome o : outcomes) {
            counters.count(o.counter());
        }
        return Arrays.asList(outcomes);
    }

    private void storeData(List<PreparedMessage> batch, List<Integer> pending, IngestOutcome[] outcomes) {
        if (pending.isEmpty()) {
            return;
        }
        List<IncomingMessage> messages = new ArrayList<>(pending.size());
        for (int i : pending) {
            messages.add(((PreparedMessage.Data) batch.get(i)).message());
        }
        List<StoreOutcome> stored = null;
        try {
            stored = store.storeAll(messages);
        } catch (RuntimeException e) {
            // the batch as a whole failed: each message on its own, so that only a bad one is lost
        }
        for (int k = 0; k < pending.size(); k++) {
            StoreOutcome outcome = stored != null ? stored.get(k) : storeOne(messages.get(k));
            outcomes[pending.get(k)] = outcome == null ? IngestOutcome.STORE_FAILED
                    : outcome == StoreOutcome.STORED ? IngestOutcome.STORED : IngestOutcome.DUPLICATE;
        }
        pending.clear();
    }

    private StoreOutcome storeOne(IncomingMessage m) {
        try {
            return store.store(m);
        } catch (RuntimeException e) {
            problems.report("store failed", e.getMessage());
            return null;
        }
    }

    private PreparedMessage route(String topic, byte[] payload, Instant receivedAt) {
        Route route = topics.route(topic);
        if (route instanceof Route.Ignored) {
            return done(IngestOutcome.IGNORED);
        }
        if (route instanceof Route.Rejected rejected) {
            problems.report(rejected.problem(), rejected.detail());
            return done(IngestOutcome.REJECTED_TOPIC);
        }
        String gateway = route instanceof Route.Data d ? d.gateway().toString() : ((Route.Lifecycle) route).gateway().toString();
        if (!limiter.tryAcquire(gateway)) {
            problems.report("rate limit", "gateway " + gateway + " sends faster than its limit");
            return done(IngestOutcome.RATE_LIMITED);
        }
        if (payload.length > maxPayloadBytes) {
            problems.report("payload too large", payload.length + " bytes on " + KuraTopics.shown(topic));
            return done(IngestOutcome.TOO_LARGE);
        }
        DecodedPayload decoded;
        try {
            byte[] inflated = inflater.inflate(payload);
            String kind = PayloadInflater.kindOf(inflated);
            PayloadDecoder decoder = decoders.apply(kind);
            if (decoder == null) {
                problems.report("no decoder", "no decoder for payload kind " + kind);
                return done(IngestOutcome.NO_DECODER);
            }
            decoded = decoder.decode(inflated);
        } catch (MalformedPayloadException e) {
            problems.report("malformed payload", e.getMessage() + " on " + KuraTopics.shown(topic));
            return done(IngestOutcome.MALFORMED);
        }
        if (route instanceof Route.Lifecycle life) {
            return new PreparedMessage.Lifecycle(life.gateway(), life.event(), decoded, receivedAt);
        }
        return data((Route.Data) route, decoded, receivedAt, topic);
    }

    private static PreparedMessage done(IngestOutcome outcome) {
        return new PreparedMessage.Done(outcome);
    }

    private PreparedMessage data(Route.Data route, DecodedPayload decoded, Instant receivedAt, String topic) {
        OptionalLong msgid = optional(decoded, "outpost.msgid");
        OptionalLong epoch = optional(decoded, "outpost.epoch");
        if (decoded.metric("outpost.msgid").isPresent() && msgid.isEmpty()
                || decoded.metric("outpost.epoch").isPresent() && epoch.isEmpty()
                || msgid.isPresent() && msgid.getAsLong() < 1 || epoch.isPresent() && epoch.getAsLong() < 1) {
            problems.report("malformed payload", "outpost.msgid or outpost.epoch is not a positive whole number on " + KuraTopics.shown(topic));
            return done(IngestOutcome.MALFORMED);
        }
        MessageClass messageClass = route.messageClass();
        if (messageClass == MessageClass.DATA) {
            messageClass = declaredClass(decoded);
        } else if (decoded.metric("channel").isEmpty() || decoded.metric("state").isEmpty()) {
            problems.report("malformed payload", "an alarm without 'channel' or 'state' on " + KuraTopics.shown(topic));
            return done(IngestOutcome.MALFORMED);
        }
        return new PreparedMessage.Data(new IncomingMessage(route.gateway(), route.device(), messageClass, epoch, msgid, receivedAt, decoded));
    }

    private static OptionalLong optional(DecodedPayload decoded, String name) {
        Optional<Long> value = decoded.whole(name);
        return value.isPresent() ? OptionalLong.of(value.get()) : OptionalLong.empty();
    }

    private static MessageClass declaredClass(DecodedPayload decoded) {
        String declared = decoded.metric("outpost.class").map(Metric::text).orElse("");
        return switch (declared) {
            case "EVENT" -> MessageClass.EVENT;
            case "TELEMETRY" -> MessageClass.TELEMETRY;
            default -> MessageClass.DATA;
        };
    }
}
