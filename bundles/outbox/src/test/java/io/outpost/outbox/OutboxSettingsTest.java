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
        return config("", maxBytes, fsync, links);
    }

    private static OutboxConfig config(String directory, long maxBytes, long fsync, String[] links) {
        return new OutboxConfig() {
            public Class<? extends Annotation> annotationType() { return OutboxConfig.class; }
            public String directory() { return directory; }
            public long maxBytes() { return maxBytes; }
            public long maxMessages() { return 1000; }
            public long fsyncIntervalMillis() { return fsync; }
            public long segmentBytes() { return 1 << 20; }
            public int deliveryTimeoutSeconds() { return 30; }
        };
    }

    @Test
    void acceptsSensibleValues() {
        OutboxSettings s = OutboxSettings.parse(config(1 << 24, 100, new String[] {"wired, cellular", "satellite"}), Path.of("/tmp/x"));
        assertEquals(java.time.Duration.ofSeconds(30), s.deliveryTimeout());
        assertEquals(Path.of("/tmp/x/data/outbox"), s.store().directory(), "empty: data/outbox in the gateway home");
    }

    @Test
    void aRelativeDirectoryIsInTheGatewayHomeAndAnAbsoluteOneStaysAsItIs() {
        String[] links = {"wired"};
        assertEquals(Path.of("/opt/outpost/spool/box"), OutboxSettings.parse(config("spool/box", 1 << 24, 100, links), Path.of("/opt/outpost"))
            .store().directory());
        assertEquals(Path.of("/var/lib/outbox"), OutboxSettings.parse(config("/var/lib/outbox", 1 << 24, 100, links), Path.of("/opt/outpost"))
            .store().directory());
        assertEquals(Path.of("/opt/outpost/data/outbox"), OutboxSettings.parse(config(OutboxSettings.DEFAULT_DIRECTORY, 1 << 24, 100, links),
            Path.of("/opt/outpost")).store().directory());
    }

    @Test
    void aDirectoryThatIsAFileIsRefusedNamingTheField(@org.junit.jupiter.api.io.TempDir Path home) throws Exception {
        java.nio.file.Files.writeString(home.resolve("box"), "not a directory");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> OutboxSettings.parse(config("box", 1 << 24, 100, new String[] {"wired"}), home));
        assertTrue(e.getMessage().contains("directory 'box' is a file"), e.getMessage());
    }

    @Test
    void refusesBadValuesNamingTheFields() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> OutboxSettings.parse(config(10, 0, new String[] {" "}), Path.of("/tmp/x")));
        assertTrue(e.getMessage().contains("maxBytes"), e.getMessage());
        assertTrue(e.getMessage().contains("fsyncIntervalMillis"), e.getMessage());
    }
}
