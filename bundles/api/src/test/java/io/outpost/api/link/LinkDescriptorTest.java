package io.outpost.api.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.outpost.api.upstream.MessageClass;

class LinkDescriptorTest {

    final LinkDescriptor satellite = new LinkDescriptor(LinkKind.SATELLITE, new LinkCost(0, 0.12, 15), 40,
        Set.of(MessageClass.ALARM, MessageClass.EVENT), 30);

    @Test
    void roundTripsThroughServiceProperties() {
        assertEquals(satellite, LinkDescriptor.fromProperties(satellite.toProperties()));
        assertEquals(0.12 + 0.0, satellite.cost().of(300), 1e-9);
    }

    @Test
    void aNegativeBudgetAndANonsensicalCostAreRefusedNamingTheFields() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new LinkDescriptor(LinkKind.CELLULAR, LinkCost.FREE, -1, Set.of(MessageClass.ALARM), 0));
        assertTrue(e.getMessage().contains("'monthlyBudget' -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LinkCost(Double.NaN, -0.5, 0));
        assertTrue(e.getMessage().contains("'perKilobyte' NaN") && e.getMessage().contains("'perMessage' -0.5"), e.getMessage());
    }

    @Test
    void badPropertiesAreRefusedNamingEachProperty() {
        Map<String, Object> p = new HashMap<>(satellite.toProperties());
        p.put(LinkDescriptor.KIND, "carrier-pigeon");
        p.put(LinkDescriptor.CLASSES, new String[] {"ALARM", "GOSSIP"});
        p.remove(LinkDescriptor.MONTHLY_BUDGET);
        String m = assertThrows(IllegalArgumentException.class, () -> LinkDescriptor.fromProperties(p)).getMessage();
        assertTrue(m.contains("'outpost.link.kind'") && m.contains("GOSSIP") && m.contains("'outpost.link.budget.monthly' is missing"), m);
    }
}
