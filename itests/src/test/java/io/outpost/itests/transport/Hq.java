package io.outpost.itests.transport;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.codec.compact.Bearer;
import io.outpost.codec.compact.Direction;
import io.outpost.codec.compact.FrameOpener;
import io.outpost.codec.compact.FrameSealer;
import io.outpost.codec.compact.GatewayKey;
import io.outpost.codec.compact.MessageBody;
import io.outpost.codec.compact.OpenedFrame;
import io.outpost.codec.compact.ReplayWindow;

/** HQ's side of the compact frames in these tests: one gateway's key, an opener for uplink, a sealer for commands. */
public final class Hq {

    public static final long GATEWAY_ID = 4711;
    public static final String KEY = Base64.getEncoder().encodeToString("outpost-itest-key-0123456789abcd".getBytes());

    private final GatewayKey key = GatewayKey.of(GATEWAY_ID, KEY);
    private final FrameOpener uplink;
    private final FrameSealer downlink;

    public Hq(Bearer bearer) {
        uplink = new FrameOpener(key, Direction.UPLINK, bearer, new ReplayWindow(0));
        // the links keep their downlink replay window across tests: start above any earlier run
        AtomicLong seq = new AtomicLong(System.currentTimeMillis() / 10 % 4_000_000_000L);
        downlink = new FrameSealer(key, Direction.DOWNLINK, bearer, seq::incrementAndGet);
    }

    public UpstreamMessage open(byte[] frame) {
        OpenedFrame.Opened opened = assertInstanceOf(OpenedFrame.Opened.class, uplink.open(frame));
        return MessageBody.decode(opened.body());
    }

    public byte[] command(String text) {
        return downlink.seal(MessageBody.command(text));
    }
}
