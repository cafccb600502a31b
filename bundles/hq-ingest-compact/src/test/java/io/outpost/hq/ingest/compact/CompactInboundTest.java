package io.outpost.hq.ingest.compact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.Value;
import io.outpost.api.hq.GatewayId;
import io.outpost.api.hq.IncomingMessage;
import io.outpost.api.hq.IngestStore;
import io.outpost.api.hq.LifecycleEvent;
import io.outpost.api.hq.MessageClass;
import io.outpost.api.hq.Metric;
import io.outpost.api.hq.StoreOutcome;
import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.codec.compact.Bearer;
import io.outpost.codec.compact.Direction;
import io.outpost.codec.compact.FrameSealer;
import io.outpost.codec.compact.GatewayKey;
import io.outpost.codec.compact.MessageBody;
import io.outpost.codec.compact.SmsText;

/** Frames sealed as the gateway's links seal them, received as a provider's callback hands them over. */
class CompactInboundTest {

    private static final long ID = 4711;
    private static final String KEY = Base64.getEncoder().encodeToString("outpost-test-key-0123456789abcdef".substring(0, 32).getBytes());

    /** Stores each (gateway, epoch, msgid) once, as the database does. */
    private static class OnceStore implements IngestStore {
        final List<IncomingMessage> stored = new ArrayList<>();
        final Set<String> keys = new HashSet<>();

        @Override
        public StoreOutcome store(IncomingMessage m) {
            if (!keys.add(m.gateway() + "/" + m.epoch() + "/" + m.msgid())) {
                return StoreOutcome.DUPLICATE;
            }
            stored.add(m);
            return StoreOutcome.STORED;
        }

        @Override
        public void lifecycle(GatewayId gateway, LifecycleEvent event, io.outpost.api.hq.DecodedPayload payload, Instant receivedAt) {
        }
    }

    private final AtomicLong sequence = new AtomicLong(100);
    private final FrameSealer sms = new FrameSealer(GatewayKey.of(ID, KEY), Direction.UPLINK, Bearer.SMS, sequence::incrementAndGet);
    private final OnceStore store = new OnceStore();

    private static byte[] alarm() {
        return MessageBody.encode(new UpstreamMessage(io.outpost.api.upstream.MessageClass.ALARM, "alarms/pump-3", 1_764_670_000_000L,
            Map.of("channel", Value.of("pressure"), "state", Value.of("raised"), "pressure", Value.of(1.5))));
    }

    private static CompactInbound inbound(CompactGateway g, IngestStore store) {
        return new CompactInbound(id -> id == g.id() ? g : null, store);
    }

    @Test
    void anSmsFrameFromAKnownGatewayIsStoredUnderItsSequenceOnceEvenAfterARestart() {
        CompactGateway gateway = new CompactGateway(ID, KEY, "outpost/gw-7");
        byte[] frame = sms.seal(alarm());
        byte[] received = InboundForm.smsFrame(InboundForm.fields("from=%2B15550100&text="
            + URLEncoder.encode(SmsText.encode(frame), StandardCharsets.UTF_8)));
        CompactInbound.Result r = inbound(gateway, store).receive(Bearer.SMS, received, Instant.now());
        assertEquals(CompactInbound.Outcome.STORED, r.outcome(), r.detail());
        IncomingMessage m = store.stored.get(0);
        assertEquals(new GatewayId("outpost", "gw-7"), m.gateway());
        assertEquals("pump-3", m.device());
        assertEquals(MessageClass.ALARM, m.messageClass());
        assertEquals(101L, m.msgid().getAsLong());
        assertEquals(Bearer.SMS.code(), m.epoch().getAsLong());
        assertEquals(Instant.ofEpochMilli(1_764_670_000_000L), m.payload().timestamp().orElseThrow());
        assertEquals(3, m.payload().metrics().size());
        assertTrue(m.payload().metrics().contains(new Metric("pressure", 1.5)), m.payload().metrics().toString());

        assertEquals(CompactInbound.Outcome.DUPLICATE, inbound(gateway, store).receive(Bearer.SMS, frame, Instant.now()).outcome(), "a replay");
        CompactGateway restarted = new CompactGateway(ID, KEY, "outpost/gw-7");
        assertEquals(CompactInbound.Outcome.DUPLICATE, inbound(restarted, store).receive(Bearer.SMS, frame, Instant.now()).outcome());
        assertEquals(1, store.stored.size());
    }

    @Test
    void tamperedUnknownShortAndWrongBearerFramesAreRefusedAndNothingIsStored() {
        CompactGateway gateway = new CompactGateway(ID, KEY, "outpost/gw-7");
        CompactInbound in = inbound(gateway, store);
        byte[] tampered = sms.seal(alarm());
        tampered[tampered.length - 1] ^= 1;
        assertEquals("NOT_AUTHENTIC", in.receive(Bearer.SMS, tampered, Instant.now()).detail());
        assertEquals("NOT_AUTHENTIC", in.receive(Bearer.SATELLITE, sms.seal(alarm()), Instant.now()).detail(), "an SMS frame posted as SBD");
        FrameSealer stranger = new FrameSealer(GatewayKey.of(99, KEY), Direction.UPLINK, Bearer.SMS, sequence::incrementAndGet);
        assertEquals(CompactInbound.Outcome.UNKNOWN_GATEWAY, in.receive(Bearer.SMS, stranger.seal(alarm()), Instant.now()).outcome());
        assertEquals(CompactInbound.Outcome.MALFORMED, in.receive(Bearer.SMS, new byte[5], Instant.now()).outcome());
        assertEquals(CompactInbound.Outcome.NOT_A_MESSAGE, in.receive(Bearer.SMS, sms.seal(MessageBody.command("hello")), Instant.now()).outcome());
        byte[] bare = MessageBody.encode(new UpstreamMessage(io.outpost.api.upstream.MessageClass.ALARM, "alarms/pump-3", 1_764_670_000_000L,
            Map.of("pressure", Value.of(1.5))));
        assertEquals("an alarm without 'channel' or 'state' on alarms/pump-3", in.receive(Bearer.SMS, sms.seal(bare), Instant.now()).detail());
        assertEquals(List.of(), store.stored);
    }

    @Test
    void aFrameWhoseStoreFailedIsStoredWhenPostedAgain() {
        CompactGateway gateway = new CompactGateway(ID, KEY, "outpost/gw-7");
        boolean[] failed = {false};
        IngestStore flaky = new OnceStore() {
            @Override
            public StoreOutcome store(IncomingMessage m) {
                if (!failed[0]) {
                    failed[0] = true;
                    throw new IllegalStateException("database down");
                }
                return super.store(m);
            }
        };
        byte[] frame = sms.seal(alarm());
        CompactInbound in = inbound(gateway, flaky);
        assertThrows(IllegalStateException.class, () -> in.receive(Bearer.SMS, frame, Instant.now()));
        assertEquals(CompactInbound.Outcome.STORED, in.receive(Bearer.SMS, frame, Instant.now()).outcome());
    }

    @Test
    void formsAndConfigurationsNameTheirWrongField() {
        assertEquals("'text' is missing", assertThrows(IllegalArgumentException.class, () -> InboundForm.smsFrame(InboundForm.fields("from=1"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InboundForm.smsFrame(InboundForm.fields("text=hello")))
            .getMessage().startsWith("'text' is not an Outpost frame"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InboundForm.sbdFrame(InboundForm.fields("imei=3&data=zz")))
            .getMessage().startsWith("'data' is not hex"));
        byte[] frame = sms.seal(alarm());
        assertEquals(HexFormat.of().formatHex(frame), HexFormat.of().formatHex(InboundForm.sbdFrame(InboundForm.fields("data=" + HexFormat.of().formatHex(frame)))));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CompactGateway(ID, KEY, "gw-7")).getMessage().contains("'gateway'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CompactGateway(ID, "short", "a/b")).getMessage().contains("'key'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CompactGateway(0, KEY, "a/b")).getMessage().contains("'gatewayId'"));
    }
}
