package io.outpost.codec.compact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandInboxTest {

    @Test
    void anAuthenticCommandReachesTheListenerOnceEvenAcrossARestart(@TempDir Path dir) throws Exception {
        GatewayKey key = GatewayKey.of(9, CompactFrameTest.KEY);
        AtomicLong seq = new AtomicLong();
        FrameSealer hq = new FrameSealer(key, Direction.DOWNLINK, Bearer.SATELLITE, seq::incrementAndGet);
        List<String> got = new CopyOnWriteArrayList<>();
        CommandListener listener = (link, sequence, text) -> got.add(link + ":" + text);
        Path file = dir.resolve("mt");
        CommandInbox inbox = new CommandInbox("satellite", key, Bearer.SATELLITE, file, () -> List.of(listener));
        byte[] frame = hq.seal(MessageBody.command("GET system/uptime"));
        assertEquals(CommandInbox.Outcome.ACCEPTED, inbox.receive(frame));
        assertEquals(CommandInbox.Outcome.REFUSED, inbox.receive(frame));
        CommandInbox afterRestart = new CommandInbox("satellite", key, Bearer.SATELLITE, file, () -> List.of(listener));
        assertEquals(CommandInbox.Outcome.REFUSED, afterRestart.receive(frame));
        byte[] uplinkFrame = new FrameSealer(key, Direction.UPLINK, Bearer.SATELLITE, seq::incrementAndGet).seal(MessageBody.command("x"));
        assertEquals(CommandInbox.Outcome.REFUSED, afterRestart.receive(uplinkFrame));
        assertEquals(List.of("satellite:GET system/uptime"), got);
        assertEquals(2, afterRestart.refused());
    }
}
