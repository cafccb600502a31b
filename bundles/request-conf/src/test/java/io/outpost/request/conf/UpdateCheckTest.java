package io.outpost.request.conf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.ObjectClassDefinition;

class UpdateCheckTest {

    private final Optional<ObjectClassDefinition> definition = Optional.of(new FelixDefinition("io.test.pump")
        .attribute("pollMillis", "Long", 0, "100", "60000", "1000")
        .attribute("mode", "String", 0, null, null, "auto", "auto", "manual")
        .attribute("password", "Password", 0, null, null, null)
        .attribute("ports", "Integer", 3, "1", "65535", null)
        .attribute("enabled", "Boolean", 0, null, null, "true"));

    private static ConfigurationUpdate update(Property... properties) {
        return new ConfigurationUpdate("io.test.pump", List.of(properties));
    }

    private static Property one(String name, PropertyType type, String value) {
        return new Property(name, type, false, List.of(value));
    }

    @Test
    void aValueInRangeIsStoredWithItsMetatypeTypeAndOtherStoredValuesStay() throws Exception {
        Map<String, Object> after = UpdateCheck.apply(update(one("pollMillis", PropertyType.STRING, " 250 ")), definition,
            Map.of("mode", "manual", "felix.extra", "x"));
        assertEquals(250L, after.get("pollMillis"));
        assertEquals("manual", after.get("mode"));
        assertEquals("x", after.get("felix.extra"));
    }

    @Test
    void outOfRangeIsRefusedNamingPidAndAttribute() {
        ConfigurationRefused e = assertThrows(ConfigurationRefused.class,
            () -> UpdateCheck.apply(update(one("pollMillis", PropertyType.LONG, "5")), definition, Map.of()));
        assertEquals("pid 'io.test.pump' attribute 'pollMillis': '5' is refused by its definition: less than minimum", e.getMessage());
        assertThrows(ConfigurationRefused.class,
            () -> UpdateCheck.apply(update(one("pollMillis", PropertyType.LONG, "60001")), definition, Map.of()));
    }

    @Test
    void aWrongTypeIsRefused() {
        ConfigurationRefused text = assertThrows(ConfigurationRefused.class,
            () -> UpdateCheck.apply(update(one("pollMillis", PropertyType.STRING, "fast")), definition, Map.of()));
        assertEquals("pid 'io.test.pump' attribute 'pollMillis': 'fast' is not of type Long", text.getMessage());
        ConfigurationRefused declared = assertThrows(ConfigurationRefused.class,
            () -> UpdateCheck.apply(update(one("pollMillis", PropertyType.BOOLEAN, "true")), definition, Map.of()));
        assertEquals("pid 'io.test.pump' attribute 'pollMillis': has type Long, not Boolean", declared.getMessage());
        assertThrows(ConfigurationRefused.class,
            () -> UpdateCheck.apply(update(one("enabled", PropertyType.STRING, "yes")), definition, Map.of()));
    }

    @Test
    void aValueOutsideTheOptionsIsRefusedAndTheOptionsNamed() {
        ConfigurationRefused e = assertThrows(ConfigurationRefused.class,
            () -> UpdateCheck.apply(update(one("mode", PropertyType.STRING, "turbo")), definition, Map.of()));
        assertTrue(e.getMessage().contains("attribute 'mode'") && e.getMessage().contains("(options: auto, manual)"), e.getMessage());
    }

    @Test
    void cardinalityIsChecked() throws Exception {
        Map<String, Object> after = UpdateCheck.apply(update(new Property("ports", PropertyType.INTEGER, true, List.of("80", "443"))),
            definition, Map.of());
        assertArrayEquals(new Integer[] {80, 443}, (Integer[]) after.get("ports"));
        ConfigurationRefused many = assertThrows(ConfigurationRefused.class, () -> UpdateCheck.apply(
            update(new Property("ports", PropertyType.INTEGER, true, List.of("1", "2", "3", "4"))), definition, Map.of()));
        assertTrue(many.getMessage().contains("at most 3 values"), many.getMessage());
        assertThrows(ConfigurationRefused.class, () -> UpdateCheck.apply(
            update(new Property("pollMillis", PropertyType.LONG, true, List.of("200", "300"))), definition, Map.of()));
        assertThrows(ConfigurationRefused.class, () -> UpdateCheck.apply(
            update(new Property("ports", PropertyType.INTEGER, true, List.of("80", "0"))), definition, Map.of()));
    }

    @Test
    void thePasswordPlaceholderKeepsTheStoredPasswordAndANewOneReplacesIt() throws Exception {
        Map<String, Object> kept = UpdateCheck.apply(update(one("password", PropertyType.PASSWORD, Property.PASSWORD_PLACEHOLDER)),
            definition, Map.of("password", "s3cret"));
        assertEquals("s3cret", kept.get("password"));
        Map<String, Object> changed = UpdateCheck.apply(update(one("password", PropertyType.PASSWORD, "n3w")), definition,
            Map.of("password", "s3cret"));
        assertEquals("n3w", changed.get("password"));
    }

    @Test
    void configurationAdminKeysCannotBeSetAndUndeclaredAttributesKeepTheirType() throws Exception {
        assertThrows(ConfigurationRefused.class,
            () -> UpdateCheck.apply(update(one("service.pid", PropertyType.STRING, "evil")), definition, Map.of()));
        Map<String, Object> after = UpdateCheck.apply(update(one("channel.t.unit", PropertyType.STRING, "degC"),
            one("channel.t.scale", PropertyType.DOUBLE, "0.1")), definition, Map.of());
        assertEquals("degC", after.get("channel.t.unit"));
        assertEquals(0.1, after.get("channel.t.scale"));
        assertThrows(ConfigurationRefused.class,
            () -> UpdateCheck.apply(update(one("channel.t.scale", PropertyType.DOUBLE, "x")), definition, Map.of()));
    }

    @Test
    void sameComparesArraysByContent() {
        assertTrue(UpdateCheck.same(Map.of("a", new Long[] {1L, 2L}), Map.of("a", new Long[] {1L, 2L})));
        assertTrue(!UpdateCheck.same(Map.of("a", new Long[] {1L, 2L}), Map.of("a", new Long[] {1L})));
        assertTrue(!UpdateCheck.same(Map.of("a", 1L), Map.of("a", "1")));
    }
}
