package io.outpost.link.satellite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SatelliteLinkSettingsTest {

    static SatelliteLinkConfig config(String port, double budget, double perMessage, String... classes) {
        return new SatelliteLinkConfig() {
            public Class<? extends Annotation> annotationType() { return SatelliteLinkConfig.class; }
            public String port() { return port; }
            public int baudRate() { return 19200; }
            public long gatewayId() { return 7; }
            public String key() { return Base64.getEncoder().encodeToString(new byte[32]); }
            public String sequenceFile() { return ""; }
            public int pollSeconds() { return 30; }
            public int minSignal() { return 1; }
            public int commandTimeoutSeconds() { return 5; }
            public int sessionTimeoutSeconds() { return 90; }
            public int attemptsPerDelivery() { return 3; }
            public long retryMinMillis() { return 1000; }
            public long retryMaxMillis() { return 5000; }
            public double costPerMessage() { return perMessage; }
            public double costPerKilobyte() { return 0; }
            public double monthlyFee() { return 15; }
            public double monthlyBudget() { return budget; }
            public String[] allowedClasses() { return classes; }
            public int priority() { return 30; }
        };
    }

    @Test
    void aGoodConfigurationParses() {
        SatelliteLinkSettings s = SatelliteLinkSettings.parse(config("/dev/null", 30, 0.15, "ALARM"));
        assertEquals(1000, s.retryDelayMillis(1));
        assertEquals(2000, s.retryDelayMillis(2));
        assertEquals(5000, s.retryDelayMillis(10));
    }

    @Test
    void anUnknownPortANegativeBudgetAndANegativeCostAreRefusedNamingEachField() {
        String m = assertThrows(IllegalArgumentException.class,
            () -> SatelliteLinkSettings.parse(config("/dev/no-such-modem", -1, -0.1, "ALARM"))).getMessage();
        assertTrue(m.startsWith("satellite link: "), m);
        assertTrue(m.contains("'port' /dev/no-such-modem does not exist"), m);
        assertTrue(m.contains("'costPerMessage' -0.1"), m);
        m = assertThrows(IllegalArgumentException.class,
            () -> SatelliteLinkSettings.parse(config("/dev/null", -1, 0.1, "ALARM"))).getMessage();
        assertTrue(m.contains("'monthlyBudget' -1.0"), m);
        m = assertThrows(IllegalArgumentException.class,
            () -> SatelliteLinkSettings.parse(config("/dev/null", 1, 0.1, "GOSSIP"))).getMessage();
        assertTrue(m.contains("'allowedClasses' names an unknown message class 'GOSSIP'"), m);
    }

    @Test
    void sbdixAnswersParse() {
        SbdixResult ok = SbdixResult.parse(" 0, 12, 1, 3, 40, 2").orElseThrow();
        assertTrue(ok.moSent() && ok.mtReceived());
        assertEquals(40, ok.mtLength());
        assertTrue(!SbdixResult.parse("32, 13, 2, 3, 0, 0").orElseThrow().moSent());
        assertEquals(Optional.empty(), SbdixResult.parse("0, 1, x, 0, 0, 0"));
        assertEquals(Optional.empty(), SbdixResult.parse("junk"));
    }
}
