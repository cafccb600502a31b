package io.outpost.profile.kura;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KuraSettingsTest {

    private static final PayloadFormat PROTOBUF = new PayloadFormat(PayloadFormat.Encoding.PROTOBUF, false);

    @Test
    void aControlPrefixWithATopicSeparatorOrWildcardIsRefusedNamingTheField() {
        for (String bad : new String[] {"", " ", "$EDC/x", "#", "a+"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KuraSettings(bad, PROTOBUF, "", "", "", "", 0));
            assertTrue(e.getMessage().startsWith("controlPrefix"), e.getMessage());
        }
    }

    @Test
    void encodingIsProtobufOrJsonInAnyCase() {
        assertEquals(PayloadFormat.Encoding.JSON, PayloadFormat.Encoding.parse(" Json "));
        assertEquals(PayloadFormat.Encoding.PROTOBUF, PayloadFormat.Encoding.parse("protobuf"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PayloadFormat.Encoding.parse("xml"));
        assertTrue(e.getMessage().startsWith("encoding 'xml'"), e.getMessage());
    }

    @Test
    void aNegativeDebounceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KuraSettings("$EDC", PROTOBUF, "", "", "", "", -1));
        assertTrue(e.getMessage().startsWith("birthDebounceMillis"), e.getMessage());
    }
}
