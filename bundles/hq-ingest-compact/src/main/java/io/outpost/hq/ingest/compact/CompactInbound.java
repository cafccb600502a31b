package io.outpost.hq.ingest.compact;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongFunction;

import io.outpost.api.hq.DecodedPayload;
import io.outpost.api.hq.IncomingMessage;
import io.outpost.api.hq.IngestStore;
import io.outpost.api.hq.MessageClass;
import io.outpost.api.hq.Metric;
import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.codec.compact.Bearer;
import io.outpost.codec.compact.Frames;
import io.outpost.codec.compact.MalformedBodyException;
import io.outpost.codec.compact.MessageBody;
import io.outpost.codec.compact.OpenedFrame;

/**
 * One received frame: its gateway found by the id in its header, opened with that gateway's key, its message
 * decoded and stored. The message id is the frame's sequence and the epoch is the bearer's code, so a frame that
 * arrives twice (a provider's retry, a replay) is stored once. An alarm must carry {@code channel} and {@code state},
 * as over MQTT. A store that fails throws (the caller answers 503, so the provider posts it again).
 */
final class CompactInbound {

    /** What became of one frame. */
    enum Outcome {
        STORED, DUPLICATE, UNKNOWN_GATEWAY, REFUSED, MALFORMED, NOT_A_MESSAGE
    }

    /** The outcome and, when the frame was not stored, why. */
    record Result(Outcome outcome, String detail) {
    }

    private final LongFunction<CompactGateway> gateways;
    private final IngestStore store;

    CompactInbound(LongFunction<CompactGateway> gateways, IngestStore store) {
        this.gateways = gateways;
        this.store = store;
    }

    Result receive(Bearer bearer, byte[] frame, Instant receivedAt) {
        if (frame.length < Frames.OVERHEAD_BYTES) {
            return new Result(Outcome.MALFORMED, frame.length + " bytes is shorter than a frame (" + Frames.OVERHEAD_BYTES + ")");
        }
        long id = ByteBuffer.wrap(frame, 1, 4).getInt() & 0xFFFF_FFFFL;
        CompactGateway gateway = gateways.apply(id);
        if (gateway == null) {
            return new Result(Outcome.UNKNOWN_GATEWAY, "no key for gateway id " + id + " (io.outpost.hq.compact.gateway)");
        }
        OpenedFrame opened = gateway.open(bearer, frame);
        if (opened instanceof OpenedFrame.Refused refused) {
            return new Result(Outcome.REFUSED, refused.reason().name());
        }
        OpenedFrame.Opened frameOpened = (OpenedFrame.Opened) opened;
        UpstreamMessage message;
        try {
            message = MessageBody.decode(frameOpened.body());
        } catch (MalformedBodyException e) {
            return new Result(Outcome.NOT_A_MESSAGE, e.getMessage());
        }
        String topic = message.topic();
        MessageClass kind = topic.startsWith("alarms/") ? MessageClass.ALARM : MessageClass.DATA;
        if (kind == MessageClass.ALARM && (!message.metrics().containsKey("channel") || !message.metrics().containsKey("state"))) {
            return new Result(Outcome.NOT_A_MESSAGE, "an alarm without 'channel' or 'state' on " + topic);
        }
        String device = topic.startsWith("alarms/") || topic.startsWith("data/") ? topic.substring(topic.indexOf('/') + 1) : topic;
        List<Metric> metrics = new ArrayList<>();
        message.metrics().forEach((name, value) -> metrics.add(new Metric(name, value.asObject())));
        IncomingMessage incoming = new IncomingMessage(gateway.gateway(), device, kind, OptionalLong.of(bearer.code()),
            OptionalLong.of(frameOpened.sequence()), receivedAt,
            new DecodedPayload(java.util.Optional.of(Instant.ofEpochMilli(message.timestamp())), metrics));
        return switch (store.store(incoming)) {
            case STORED -> new Result(Outcome.STORED, "");
            case DUPLICATE -> new Result(Outcome.DUPLICATE, "");
        };
    }
}
