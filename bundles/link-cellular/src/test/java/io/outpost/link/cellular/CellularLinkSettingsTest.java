package io.outpost.link.cellular;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class CellularLinkSettingsTest {

    static CellularLinkConfig config(String port, String hq, double budget, String reset) {
        return new CellularLinkConfig() {
            public Class<? extends Annotation> annotationType() { return CellularLinkConfig.class; }
            public String port() { return port; }
            public int baudRate() { return 115200; }
            public String hqNumber() { return hq; }
            public long gatewayId() { return 7; }
            public String key() { return Base64.getEncoder().encodeToString(new byte[32]); }
            public String sequenceFile() { return ""; }
            public int pollSeconds() { return 30; }
            public int minSignal() { return 5; }
            public int degradedBelowSignal() { return 10; }
            public int commandTimeoutSeconds() { return 5; }
            public int smsTimeoutSeconds() { return 60; }
            public String resetCommand() { return reset; }
            public int unansweredBeforeReset() { return 3; }
            public double costPerMessage() { return 0.09; }
            public double monthlyFee() { return 0; }
            public double monthlyBudget() { return budget; }
            public String[] allowedClasses() { return new String[] {"ALARM"}; }
            public int priority() { return 20; }
        };
    }

    @Test
    void hqIsRecognisedWhateverTheInternationalPrefix() {
        CellularLinkSettings s = CellularLinkSettings.parse(config("/dev/null", "+4915790000000", 5, "AT+CFUN=1,1"));
        assertTrue(s.isHq("+4915790000000"));
        assertTrue(s.isHq("004915790000000"));
        assertFalse(s.isHq("+4915790000001"));
    }

    @Test
    void badFieldsAreRefusedByName() {
        String m = assertThrows(IllegalArgumentException.class,
            () -> CellularLinkSettings.parse(config("/dev/ttyNOPE", "HQ", -5, "reboot"))).getMessage();
        assertTrue(m.startsWith("cellular link: "), m);
        assertTrue(m.contains("'port' /dev/ttyNOPE does not exist"), m);
        assertTrue(m.contains("'hqNumber' 'HQ'"), m);
        assertTrue(m.contains("'monthlyBudget' -5.0"), m);
        assertTrue(m.contains("'resetCommand' 'reboot'"), m);
    }
}
