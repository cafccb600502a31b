package io.outpost.link.cellular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SmsParsingTest {

    @Test
    void aListingYieldsIndexSenderAndTextAndSkipsHalfEntries() {
        List<ReceivedSms> list = ReceivedSms.ofList(List.of(
            "+CMGL: 1,\"REC UNREAD\",\"+15550100\",,\"26/12/02,05:00:00+00\"", "OP1:AAAA",
            "junk line",
            "+CMGL: 99999999999,\"REC READ\",\"+1\",,\"x\"", "overflowing index is skipped",
            "+CMGL: 4,\"REC READ\",\"+15550199\",,\"26/12/02,05:00:00+00\"", "hello",
            "+CMGL: 5,\"REC READ\",\"+15550199\",,\"26/12/02,05:00:00+00\""));
        assertEquals(List.of(new ReceivedSms(1, "+15550100", "OP1:AAAA"), new ReceivedSms(4, "+15550199", "hello")), list);
    }

    @Test
    void aReadAnswerYieldsTheMessage() {
        assertEquals(Optional.of(new ReceivedSms(3, "+15550100", "OP1:xyz")), ReceivedSms.ofRead(3,
            List.of("+CMGR: \"REC UNREAD\",\"+15550100\",,\"26/12/02,05:00:00+00\"", "OP1:xyz")));
        assertEquals(Optional.empty(), ReceivedSms.ofRead(3, List.of("garbage")));
    }

    @Test
    void registrationFromQueryAndUrc() {
        assertTrue(Registration.ofQuery("0,1").orElseThrow().registered());
        assertTrue(Registration.ofQuery("2,5,\"1A2B\",\"01C3\"").orElseThrow().registered());
        assertFalse(Registration.ofQuery("0,2").orElseThrow().registered());
        assertTrue(Registration.ofUrc("5").orElseThrow().registered());
        assertEquals(Optional.empty(), Registration.ofQuery("x"));
    }
}
