package io.outpost.link.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.outpost.api.link.LinkDescriptor;
import io.outpost.api.link.LinkKind;
import io.outpost.api.upstream.MessageClass;

class MqttLinkRoleTest {

    @Test
    void theDefaultIsTheWiredLinkThatCarriesEverythingAndAnnouncesTheGateway() {
        MqttLinkRole r = MqttLinkRole.parse(Configs.link(Map.of()));
        assertEquals("wired", r.id());
        assertEquals(LinkKind.WIRED, r.descriptor().kind());
        assertTrue(r.descriptor().cost().flatRate());
        assertEquals(5, r.descriptor().allowedClasses().size());
        assertTrue(r.announce());
        assertEquals(r.descriptor(), LinkDescriptor.fromProperties(r.descriptor().toProperties()), "published as service properties");
    }

    @Test
    void aSecondInstanceIsTheModemsDataPath() {
        MqttLinkRole r = MqttLinkRole.parse(Configs.link(Map.of("linkId", "cellular-data", "kind", "cellular", "costPerKilobyte", 0.02,
            "monthlyBudget", 10.0, "priority", 15, "announce", false, "windows", new String[] {"22:00-06:00"})));
        assertEquals("cellular-data", r.id());
        assertEquals(LinkKind.CELLULAR, r.descriptor().kind());
        assertEquals(0.02, r.descriptor().cost().perKilobyte());
        assertEquals(1, r.descriptor().windows().size());
        assertFalse(r.announce());
    }

    @Test
    void aCostModelThatMakesNoSenseIsRefusedNamingTheFields() {
        String m = assertThrows(IllegalArgumentException.class, () -> MqttLinkRole.parse(Configs.link(Map.of("kind", "pigeon",
            "costPerKilobyte", -1.0, "allowedClasses", new String[] {"ALARM", "GOSSIP"}, "linkId", "Wired!", "windows", new String[] {"9-5"}))))
            .getMessage();
        assertTrue(m.contains("'kind'"), m);
        assertTrue(m.contains("'costPerKilobyte' -1.0"), m);
        assertTrue(m.contains("'GOSSIP'"), m);
        assertTrue(m.contains("'linkId'"), m);
        assertTrue(m.contains("'windows'"), m);
        m = assertThrows(IllegalArgumentException.class, () -> MqttLinkRole.parse(Configs.link(Map.of("costPerKilobyte", 0.02)))).getMessage();
        assertTrue(m.contains("'monthlyBudget' is 0 for a link paid per use"), m);
        m = assertThrows(IllegalArgumentException.class, () -> MqttLinkRole.parse(Configs.link(Map.of("monthlyBudget", -5.0)))).getMessage();
        assertTrue(m.contains("'monthlyBudget' -5.0"), m);
        assertTrue(MqttLinkRole.parse(Configs.link(Map.of("allowedClasses", new String[] {"ALARM"}))).descriptor().allows(MessageClass.ALARM));
    }
}
