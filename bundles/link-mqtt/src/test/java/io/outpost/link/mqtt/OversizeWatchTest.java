package io.outpost.link.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.outpost.api.link.MessageTooLargeException;
import io.outpost.link.mqtt.OversizeWatch.InFlight;

class OversizeWatchTest {

    @Test
    void theSameUnconfirmedLargestMessageAtThreeLossesInARowIsRefusedWithEverythingAsLarge() {
        OversizeWatch watch = new OversizeWatch("wired", 3);
        watch.confirmed(200);
        for (int loss = 0; loss < 3; loss++) {
            assertTrue(watch.refusal(5000).isEmpty(), "still sent before loss " + (loss + 1));
            watch.connectionLost(List.of(new InFlight(7, 5000), new InFlight(8, 100)));
        }
        MessageTooLargeException refused = watch.refusal(5000).orElseThrow();
        assertEquals(4999, refused.limitBytes());
        assertTrue(refused.getMessage().contains("3 times"), refused.getMessage());
        assertTrue(watch.refusal(6000).isPresent(), "larger messages are refused too");
        assertTrue(watch.refusal(4999).isEmpty(), "smaller ones still go");
    }

    @Test
    void aSizeTheBrokerConfirmedBeforeIsNeverSuspect() {
        OversizeWatch watch = new OversizeWatch("wired", 3);
        watch.confirmed(5000);
        for (int loss = 0; loss < 5; loss++) {
            watch.connectionLost(List.of(new InFlight(7, 5000)));
        }
        assertTrue(watch.refusal(5000).isEmpty());
    }

    @Test
    void lossesWithDifferentSuspectsDoNotAddUp() {
        OversizeWatch watch = new OversizeWatch("wired", 3);
        watch.connectionLost(List.of(new InFlight(7, 5000)));
        watch.connectionLost(List.of(new InFlight(9, 6000)));
        watch.connectionLost(List.of(new InFlight(7, 5000)));
        watch.connectionLost(List.of()); // nothing of the outbox in flight: says nothing
        watch.connectionLost(List.of(new InFlight(-1, 9000))); // the link's own birth is not a suspect
        assertTrue(watch.refusal(5000).isEmpty());
        assertTrue(watch.refusal(6000).isEmpty());
    }
}
