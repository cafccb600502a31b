package io.outpost.request.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Thousands of PUT bodies that do not match the metatype (wrong types, out of range, not an option, too many
 * values, unknown types, broken XML and JSON, DOCTYPEs, random bytes) through the handler's parser and the metatype
 * check: each is refused with a message naming a field, never anything else; the valid ones among them pass.
 */
class ConfBodyFuzzTest {

    private static final int ROUNDS = 6_000;
    private final Optional<ObjectClassDefinition> definition = Optional.of(new FelixDefinition("io.test.pump")
        .attribute("pollMillis", "Long", 0, "100", "60000", "1000")
        .attribute("mode", "String", 0, null, null, "auto", "auto", "manual")
        .attribute("ports", "Integer", 2, "1", "65535", null)
        .attribute("enabled", "Boolean", 0, null, null, "true"));

    private static String xml(String name, String type, String... values) {
        StringBuilder s = new StringBuilder("<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\"><esf:configuration pid=\"io.test.pump\">"
            + "<esf:properties><esf:property name=\"" + name + "\" array=\"" + (values.length != 1) + "\" type=\"" + type + "\">");
        for (String v : values) {
            s.append("<esf:value>").append(v).append("</esf:value>");
        }
        return s.append("</esf:property></esf:properties></esf:configuration></esf:configurations>").toString();
    }

    /** A body and whether the metatype accepts it. */
    private record Case(byte[] body, boolean valid) {
    }

    private static Case c(String body, boolean valid) {
        return new Case(body.getBytes(StandardCharsets.UTF_8), valid);
    }

    private Case generate(int n, SplittableRandom random) {
        int r = random.nextInt(1_000_000);
        return switch (n % 14) {
            case 0 -> c(xml("pollMillis", "Long", Integer.toString(100 + r % 59_900)), true);
            case 1 -> c(xml("pollMillis", "Long", Integer.toString(random.nextBoolean() ? r % 100 : 60_001 + r)), false);
            case 2 -> c(xml("pollMillis", List.of("Long", "String").get(r % 2), List.of("fast", "1.5", "", "0x10", "9".repeat(30)).get(r % 5)), false);
            case 3 -> c(xml("mode", "String", List.of("turbo", "AUTO", "", "auto ", "manual\u0000").get(r % 5)), false);
            case 4 -> c(xml("ports", "Integer", "1", "2", "3"), false);
            case 5 -> c(xml("enabled", "Boolean", List.of("yes", "1", "on", "").get(r % 4)), false);
            case 6 -> c(xml("pollMillis", List.of("Money", "long[]", "", "Double").get(r % 4).isEmpty() ? "Money" : List.of("Money", "long[]", "Double").get(r % 3), "200"), false);
            case 7 -> c(xml("pollMillis", "Long", "200").substring(0, 1 + r % 150), false);
            case 8 -> c("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + xml("mode", "String", "&e;"), false);
            case 9 -> c("{\"configs\":[{\"pid\":\"io.test.pump\",\"properties\":{\"pollMillis\":" + List.of("true", "\"x\"", "1.5", "null", "[1,2]", "{}")
                .get(r % 6) + "}}]}", false);
            case 10 -> c("{\"configs\":[{\"pid\":\"io.test.pump\",\"properties\":{\"ports\":[" + (1 + r % 65535) + "]}}]}", true);
            case 11 -> {
                byte[] b = new byte[1 + r % 300];
                random.nextBytes(b);
                b[0] = (byte) List.of('<', '{', 'x').get(r % 3).charValue();
                yield new Case(b, false);
            }
            case 12 -> c(xml("service.pid", "String", "evil"), false);
            default -> c(xml("ports", "Integer", Integer.toString(r % 2 == 0 ? 0 : 70_000), "80"), false);
        };
    }

    @Test
    void everyBodyThatDoesNotMatchTheMetatypeIsRefusedNamingAFieldAndNothingElseHappens() {
        SplittableRandom random = new SplittableRandom(20261202L);
        int refused = 0;
        int accepted = 0;
        for (int n = 0; n < ROUNDS; n++) {
            Case c = generate(n, random);
            try {
                List<ConfigurationUpdate> updates = ConfHandler.parse(c.body());
                for (ConfigurationUpdate u : updates) {
                    Map<String, Object> after = UpdateCheck.apply(u, definition, Map.of());
                    assertTrue(after != null);
                }
                if (updates.isEmpty()) {
                    throw new ConfigurationRefused("no configuration");
                }
                accepted++;
                if (!c.valid()) {
                    fail("accepted #" + n + ": " + new String(c.body(), StandardCharsets.UTF_8));
                }
            } catch (ConfigurationRefused e) {
                refused++;
                assertTrue(!e.getMessage().isBlank());
                if (c.valid()) {
                    fail("refused valid #" + n + " (" + e.getMessage() + "): " + new String(c.body(), StandardCharsets.UTF_8));
                }
            } catch (RuntimeException e) {
                fail("#" + n + " threw " + e + " for " + new String(c.body(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(ROUNDS, refused + accepted);
        assertTrue(accepted >= ROUNDS / 14, "accepted " + accepted);
    }
}
