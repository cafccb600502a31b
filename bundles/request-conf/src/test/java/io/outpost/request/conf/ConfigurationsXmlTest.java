package io.outpost.request.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationsXmlTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesKurasConfigurationsWithDefinitionsAndReadsTheirPropertiesBack() throws Exception {
        FelixDefinition ocd = new FelixDefinition("io.test.pump").attribute("pollMillis", "Long", 0, "100", null, "1000")
            .attribute("mode", "String", 0, null, null, "auto", "auto", "manual");
        ComponentConfiguration c = new ComponentConfiguration("io.test.pump", Optional.empty(), Optional.of(ocd),
            List.of(new Property("pollMillis", PropertyType.LONG, false, List.of("250")),
                new Property("tags", PropertyType.STRING, true, List.of("a<b", "c&d"))), true);
        String xml = new String(ConfigurationsXml.write(List.of(c), true), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\" xmlns:ocd=\"http://www.osgi.org/xmlns/metatype/v1.2.0\">"), xml);
        assertTrue(xml.contains("<esf:configuration pid=\"io.test.pump\"><ocd:OCD name=\"io.test.pump\""), xml);
        assertTrue(xml.contains("<ocd:AD name=\"mode\" id=\"mode\" type=\"String\" cardinality=\"0\" required=\"true\" default=\"auto\""), xml);
        assertTrue(xml.contains("<ocd:Option label=\"manual\" value=\"manual\"></ocd:Option>")
            || xml.contains("<ocd:Option label=\"manual\" value=\"manual\"/>"), xml);
        assertTrue(xml.contains("<esf:property name=\"pollMillis\" array=\"false\" encrypted=\"false\" type=\"Long\"><esf:value>250</esf:value>"), xml);
        List<ConfigurationUpdate> back = ConfigurationsXml.read(utf8(xml));
        assertEquals(1, back.size());
        assertEquals(List.of(new Property("pollMillis", PropertyType.LONG, false, List.of("250")),
            new Property("tags", PropertyType.STRING, true, List.of("a<b", "c&d"))), back.get(0).properties());
    }

    @Test
    void readsAnyPrefixAndKurasBase64Passwords() throws Exception {
        String pw = Base64.getEncoder().encodeToString(utf8("s3cret"));
        List<ConfigurationUpdate> u = ConfigurationsXml.read(utf8("<?xml version=\"1.0\"?><x:configurations xmlns:x=\"http://eurotech.com/esf/2.0\">"
            + "<x:configuration pid=\"p\"><x:properties><x:property name=\"password\" array=\"false\" encrypted=\"true\" type=\"Password\">"
            + "<x:value>" + pw + "</x:value></x:property></x:properties></x:configuration></x:configurations>"));
        assertEquals(List.of(new Property("password", PropertyType.PASSWORD, false, List.of("s3cret"))), u.get(0).properties());
    }

    @Test
    void anExternalEntityIsRefusedAndTheFileNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-LINE");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE c [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
            + "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\"><esf:configuration pid=\"p\"><esf:properties>"
            + "<esf:property name=\"a\" array=\"false\" encrypted=\"false\" type=\"String\"><esf:value>&x;</esf:value></esf:property>"
            + "</esf:properties></esf:configuration></esf:configurations>";
        ConfigurationRefused e = assertThrows(ConfigurationRefused.class, () -> ConfigurationsXml.read(utf8(xxe)));
        assertTrue(e.getMessage().startsWith("body is not accepted XML"), e.getMessage());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());
    }

    @Test
    void anEntityExpansionBombIsRefused() {
        StringBuilder doctype = new StringBuilder("<!DOCTYPE c [<!ENTITY l0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            doctype.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        doctype.append("]>");
        String bomb = "<?xml version=\"1.0\"?>" + doctype + "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\">&l9;</esf:configurations>";
        assertThrows(ConfigurationRefused.class, () -> ConfigurationsXml.read(utf8(bomb)));
    }

    @Test
    void malformedBodiesAreRefusedNamingTheProblem() {
        assertThrows(ConfigurationRefused.class, () -> ConfigurationsXml.read(utf8("<esf:configurations")));
        ConfigurationRefused root = assertThrows(ConfigurationRefused.class, () -> ConfigurationsXml.read(utf8("<other/>")));
        assertTrue(root.getMessage().contains("not esf:configurations"), root.getMessage());
        ConfigurationRefused pid = assertThrows(ConfigurationRefused.class,
            () -> ConfigurationsXml.read(utf8("<configurations><configuration/></configurations>")));
        assertTrue(pid.getMessage().contains("without a 'pid'"), pid.getMessage());
        ConfigurationRefused type = assertThrows(ConfigurationRefused.class, () -> ConfigurationsXml.read(utf8(
            "<configurations><configuration pid=\"p\"><properties><property name=\"a\" type=\"Money\"><value>1</value></property>"
                + "</properties></configuration></configurations>")));
        assertEquals("pid 'p' attribute 'a': unknown type 'Money'", type.getMessage());
    }

    @Test
    void snapshotIdsRoundTrip() throws Exception {
        byte[] xml = ConfigurationsXml.writeSnapshotIds(List.of(1L, 1764652801123L));
        assertTrue(new String(xml, StandardCharsets.UTF_8).contains("<esf:snapshot-ids"));
        assertEquals(List.of(1L, 1764652801123L), ConfigurationsXml.readSnapshotIds(xml));
    }

    @Test
    void jsonUpdatesTakeTypedAndBareValues() throws Exception {
        List<ConfigurationUpdate> u = ConfHandler.parse(utf8("{\"configs\":[{\"pid\":\"p\",\"properties\":{"
            + "\"a\":{\"type\":\"INTEGER\",\"value\":5},\"b\":\"x\",\"c\":[1,2],\"d\":true,\"e\":1.5}}]}"));
        assertEquals(List.of(new Property("a", PropertyType.INTEGER, false, List.of("5")), new Property("b", PropertyType.STRING, false, List.of("x")),
            new Property("c", PropertyType.LONG, true, List.of("1", "2")), new Property("d", PropertyType.BOOLEAN, false, List.of("true")),
            new Property("e", PropertyType.DOUBLE, false, List.of("1.5"))), u.get(0).properties());
        assertThrows(ConfigurationRefused.class, () -> ConfHandler.parse(utf8("{\"configs\":[{\"properties\":{}}]}")));
        assertThrows(ConfigurationRefused.class, () -> ConfHandler.parse(utf8("{\"configs\":[{\"pid\":\"p\",\"properties\":{\"a\":null}}]}")));
        assertThrows(ConfigurationRefused.class, () -> ConfHandler.parse(utf8("{\"configs\":[{\"pid\":\"p\",\"properties\":{\"a\":{\"type\":\"X\",\"value\":1}}}]}")));
        assertThrows(ConfigurationRefused.class, () -> ConfHandler.parse(utf8("   ")));
        assertThrows(ConfigurationRefused.class, () -> ConfHandler.parse(utf8("junk")));
        assertThrows(ConfigurationRefused.class, () -> ConfHandler.parse(new byte[] {'{', (byte) 0xff, '}'}));
    }
}
