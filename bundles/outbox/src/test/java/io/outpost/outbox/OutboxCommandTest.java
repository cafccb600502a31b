package io.outpost.outbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.outpost.api.link.LinkState;
import io.outpost.api.link.LinkStatus;
import io.outpost.api.outbox.LinkReport;
import io.outpost.api.outbox.OutboxSnapshot;
import io.outpost.api.upstream.MessageClass;

class OutboxCommandTest {

    @Test
    void printsDepthDropsRefusalsAndEveryLink() {
        OutboxSnapshot s = new OutboxSnapshot(Map.of(MessageClass.TELEMETRY, 1200L, MessageClass.EVENT, 3L), Duration.ofSeconds(412), 155_187,
            Map.of(MessageClass.TELEMETRY, 311L), Map.of(MessageClass.TELEMETRY, 7L), 58_211, 100,
            List.of(new LinkReport("wired", new LinkStatus(LinkState.UP, 100, 2), 100, 100, 58_211, 140)));
        String text = OutboxCommand.render(s);
        assertTrue(text.contains("1203 waiting (155187 bytes), oldest 412 s, 100 in flight, 58211 delivered"), text);
        assertTrue(text.matches("(?s).*TELEMETRY\\s+1200\\s+311\\s+7.*"), text);
        assertTrue(text.contains("link wired      UP   window 100/100 (link counts 100), delivered 58211, failed 140, reconnects 2"), text);
    }

    @Test
    void saysWhenTheDiskIsDegradedAndHowMuchWaitsInMemory() {
        OutboxSnapshot s = new OutboxSnapshot(Map.of(MessageClass.ALARM, 2L), Duration.ofSeconds(3), 300, Map.of(), Map.of(MessageClass.TELEMETRY, 9L),
            0, 0, List.of(), 1_048_576, Map.of(OutboxSnapshot.DISK, "cannot write since 12 s: java.io.IOException: No space left on device"));
        String text = OutboxCommand.render(s);
        assertTrue(text.contains("degraded: disk (cannot write since 12 s: java.io.IOException: No space left on device); "
            + "1048576 bytes wait in memory to be written"), text);
        assertTrue(s.isDegraded());
        assertTrue(!OutboxCommand.render(new OutboxSnapshot(Map.of(), Duration.ZERO, 0, Map.of(), Map.of(), 0, 0, List.of()))
            .contains("degraded"), "the 1.0 constructor: nothing degraded");
    }
}
