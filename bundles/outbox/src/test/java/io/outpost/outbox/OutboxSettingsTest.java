package io.outpost.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class OutboxSettingsTest {

    /** A configuration with the defaults, and the given changes. */
    private static OutboxConfig config(long maxBytes, long fsync, String[] links) {
        return new OutboxConfig() {
            public Class<? extends Annotation> annotationType() { return OutboxConfig.class; }
            public String directory() { return ""; }
            public long maxBytes() { return maxBytes; }
            public long maxMessages() { return 1000; }
            public long fsyncIntervalMillis() { return fsync; }
            public long segmentBytes() { return 1 << 20; }
            public int deliveryTimeoutSeconds() { return 30; }
            public String[] links() { return links; }
        };
    }

    @Test
    void acceptsSensibleValuesAndSplitsACommaSeparatedLinkList() {
        OutboxSettings s = OutboxSettings.parse(config(1 << 24, 100, new String[] {"wired, cellular", "satellite"}), Path.of("/tmp/x"));
        assertEquals(List.of("wired", "cellular", "satellite"), s.links());
        assertEquals(Path.of("/tmp/x"), s.store().directory());
    }

    @Test
    void refusesBadValuesNamingTheFields() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> OutboxSettings.parse(config(10, 0, new String[] {" "}), Path.of("/tmp/x")));
        assertTrue(e.getMessage().contains("maxBytes"), e.getMessage());
        assertTrue(e.getMessage().contains("fsyncIntervalMillis"), e.getMessage());
        assertTrue(e.getMessage().contains("links"), e.getMessage());
    }
}
