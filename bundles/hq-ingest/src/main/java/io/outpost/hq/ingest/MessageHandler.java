package io.outpost.hq.ingest;

import java.time.Instant;
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
 * One MQTT message from topic to store: route, rate limit, size limit, inflate, decode, store. Returns what it did
 * and never throws: a problem is counted and reported to the {@link ProblemLog}.
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

    IngestOutcome handle(String topic, byte[] payload, Instant receivedAt) {
        IngestOutcome outcome;
        try {
            outcome = route(topic, payload, receivedAt);
        } catch (RuntimeException e) {
            problems.report("store failed", e.getMessage());
            outcome = IngestOutcome.STORE_FAILED;
        }
        counters.count(outcome.counter());
        return outcome;
    }

    private IngestOutcome route(String topic, byte[] payload, Instant receivedAt) {
        Route route = topics.route(topic);
        if (route instanceof Route.Ignored) {
            return IngestOutcome.IGNORED;
        }
        if (route instanceof Route.Rejected rejected) {
            problems.report(rejected.problem(), rejected.detail());
            return IngestOutcome.REJECTED_TOPIC;
        }
        String gateway = route instanceof Route.Data d ? d.gateway().toString() : ((Route.Lifecycle) route).gateway().toString();
        if (!limiter.tryAcquire(gateway)) {
            problems.report("rate limit", "gateway " + gateway + " sends faster than its limit");
            return IngestOutcome.RATE_LIMITED;
        }
        if (payload.length > maxPayloadBytes) {
            problems.report("payload too large", payload.length + " bytes on " + KuraTopics.shown(topic));
            return IngestOutcome.TOO_LARGE;
        }
        DecodedPayload decoded;
        try {
            byte[] inflated = inflater.inflate(payload);
            String kind = PayloadInflater.kindOf(inflated);
            PayloadDecoder decoder = decoders.apply(kind);
            if (decoder == null) {
                problems.report("no decoder", "no decoder for payload kind " + kind);
                return IngestOutcome.NO_DECODER;
            }
            decoded = decoder.decode(inflated);
        } catch (MalformedPayloadException e) {
            problems.report("malformed payload", e.getMessage() + " on " + KuraTopics.shown(topic));
            return IngestOutcome.MALFORMED;
        }
        if (route instanceof Route.Lifecycle life) {
            store.lifecycle(life.gateway(), life.event(), decoded, receivedAt);
            return IngestOutcome.LIFECYCLE;
        }
        return data((Route.Data) route, decoded, receivedAt, topic);
    }

    private IngestOutcome data(Route.Data route, DecodedPayload decoded, Instant receivedAt, String topic) {
        OptionalLong msgid = optional(decoded, "outpost.msgid");
        OptionalLong epoch = optional(decoded, "outpost.epoch");
        if (decoded.metric("outpost.msgid").isPresent() && msgid.isEmpty()
                || decoded.metric("outpost.epoch").isPresent() && epoch.isEmpty()
                || msgid.isPresent() && msgid.getAsLong() < 1 || epoch.isPresent() && epoch.getAsLong() < 1) {
            problems.report("malformed payload", "outpost.msgid or outpost.epoch is not a positive whole number on " + KuraTopics.shown(topic));
            return IngestOutcome.MALFORMED;
        }
        MessageClass messageClass = route.messageClass();
        if (messageClass == MessageClass.DATA) {
            messageClass = declaredClass(decoded);
        } else if (decoded.metric("channel").isEmpty() || decoded.metric("state").isEmpty()) {
            problems.report("malformed payload", "an alarm without 'channel' or 'state' on " + KuraTopics.shown(topic));
            return IngestOutcome.MALFORMED;
        }
        StoreOutcome stored = store.store(new IncomingMessage(route.gateway(), route.device(), messageClass, epoch, msgid, receivedAt, decoded));
        return stored == StoreOutcome.STORED ? IngestOutcome.STORED : IngestOutcome.DUPLICATE;
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
