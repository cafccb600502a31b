package io.outpost.api.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.outpost.api.upstream.MessageClass;

/** The 1.4 additions: time windows, the does-not-fit outcome, signal percentages, prices of split messages. */
class LinkSpiTest {

    @Test
    void aWindowOverMidnightContainsTheNightAndNotTheDay() {
        TimeWindow night = TimeWindow.parse("22:00-06:00");
        assertTrue(night.contains(LocalTime.of(23, 0)));
        assertTrue(night.contains(LocalTime.of(5, 59)));
        assertFalse(night.contains(LocalTime.of(6, 0)));
        assertFalse(night.contains(LocalTime.of(12, 0)));
        assertThrows(IllegalArgumentException.class, () -> TimeWindow.parse("9-5"));
        assertThrows(IllegalArgumentException.class, () -> TimeWindow.parse("10:00-10:00"));
    }

    @Test
    void windowsTravelAsServicePropertiesAndAWrongOneIsRefusedNamingTheProperty() {
        LinkDescriptor d = new LinkDescriptor(LinkKind.SATELLITE, new LinkCost(0, 0.15, 15), 30, EnumSet.of(MessageClass.ALARM), 30,
            List.of(TimeWindow.parse("02:00-04:00")));
        LinkDescriptor back = LinkDescriptor.fromProperties(d.toProperties());
        assertEquals(d, back);
        assertTrue(back.open(LocalTime.of(3, 0)));
        assertFalse(back.open(LocalTime.of(5, 0)));
        assertTrue(new LinkDescriptor(LinkKind.WIRED, LinkCost.FREE, 0, EnumSet.allOf(MessageClass.class), 1).open(LocalTime.NOON));
        Map<String, Object> p = new HashMap<>(d.toProperties());
        p.put(LinkDescriptor.WINDOWS, new String[] {"late"});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinkDescriptor.fromProperties(p));
        assertTrue(e.getMessage().contains(LinkDescriptor.WINDOWS), e.getMessage());
    }

    @Test
    void doesNotFitIsToldApartFromAFailureToTryAgain() {
        assertTrue(DoesNotFitException.isDoesNotFit(new DoesNotFitException("sms", DoesNotFitException.Reason.CLASS_NOT_ALLOWED, "x")));
        assertTrue(DoesNotFitException.isDoesNotFit(new CompletionException(new MessageTooLargeException("sbd", 400, 340, ""))));
        assertFalse(DoesNotFitException.isDoesNotFit(new java.io.IOException("session failed")));
        assertFalse(DoesNotFitException.isDoesNotFit(new CompletionException(new java.util.concurrent.TimeoutException())));
    }

    @Test
    void signalIsAPercentageOfTheModemsScaleAndSplitMessagesPayPerPart() {
        assertEquals(100, LinkStatus.percent(5, 5));
        assertEquals(LinkStatus.NO_SIGNAL, LinkStatus.percent(99, 31), "AT+CSQ 99: unknown");
        assertEquals(LinkStatus.NO_SIGNAL, new LinkStatus(LinkState.UP, 0, 0).signal());
        assertEquals(0.45, new LinkCost(0, 0.15, 15).of(new WireSize(900, 3)), 1e-9);
        assertTrue(LinkState.DEGRADED.carries());
        assertFalse(LinkState.DOWN.carries());
    }
}
