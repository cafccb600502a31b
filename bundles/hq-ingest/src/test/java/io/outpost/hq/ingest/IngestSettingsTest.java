package io.outpost.hq.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class IngestSettingsTest {

    /** An IngestConfig with its defaults, some of them replaced. */
    private static IngestConfig config(Map<String, Object> values) {
        return (IngestConfig) Proxy.newProxyInstance(IngestConfig.class.getClassLoader(), new Class<?>[] {IngestConfig.class},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue());
    }

    @Test
    void dataIsSharedWithAGroupButTheLifecycleTopicsAreNotAndOnlyOnTheFirstConnection() {
        IngestSettings s = IngestSettings.of(config(Map.of("clientId", "hq-1", "sharedGroup", "hq", "consumers", 3)));
        assertEquals(List.of("$share/hq/+/+/#", "$EDC/+/+/MQTT/#"), s.topicFilters(0));
        assertEquals(List.of("$share/hq/+/+/#"), s.topicFilters(1));
        assertEquals(List.of("hq-1", "hq-1-2", "hq-1-3"), s.consumerClientIds());
        IngestSettings plain = IngestSettings.of(config(Map.of("clientId", "hq-1")));
        assertEquals(List.of("+/+/#", "$EDC/+/+/MQTT/#"), plain.topicFilters(0));
        assertEquals(List.of("hq-1"), plain.consumerClientIds());
        assertEquals(500, plain.batchSize());
    }

    @Test
    void aBadBatchSizeOrConsumersIsRefusedNamingTheField() {
        String noGroup = assertThrows(IllegalArgumentException.class, () -> IngestSettings.of(config(Map.of("consumers", 2)))).getMessage();
        assertTrue(noGroup.contains("'consumers' 2 needs 'sharedGroup'"), noGroup);
        String range = assertThrows(IllegalArgumentException.class,
                () -> IngestSettings.of(config(Map.of("batchSize", 0, "consumers", 17, "sharedGroup", "g")))).getMessage();
        assertTrue(range.contains("'batchSize' 0 is out of range 1-10000") && range.contains("'consumers' 17 is out of range 1-16"), range);
    }
}
