package io.outpost.modem.at;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

class AtSessionTest {

    static final Duration T = Duration.ofSeconds(2);

    @Test
    void aCommandGetsItsInformationLinesAndFinalResult() {
        FakeModemLine line = new FakeModemLine(cmd -> cmd.equals("AT+CSQ\r") ? "\r\n+CSQ: 17,99\r\n\r\nOK\r\n" : "\r\nERROR\r\n");
        try (AtSession session = new AtSession(line, "t")) {
            AtResponse r = session.command("AT+CSQ", T);
            assertTrue(r.ok(), r.toString());
            assertEquals("17,99", r.value("+CSQ:").orElseThrow());
            assertEquals(AtResponse.Outcome.ERROR, session.command("AT+FOO", T).outcome());
        }
    }

    @Test
    void garbageBeforeAndInsideTheAnswerNeitherCrashesNorHidesTheResult() {
        FakeModemLine line = new FakeModemLine(cmd -> "\u0000\u00ff\u0007junk\r\n+CREG: 0,1\r\n\u0001\u0002\r\nOK\r\n");
        try (AtSession session = new AtSession(line, "t")) {
            line.push("half a line without end \u0003\u0004");
            sleep(300);
            AtResponse r = session.command("AT+CREG?", T);
            assertTrue(r.ok(), r.toString());
            assertEquals("0,1", r.value("+CREG:").orElseThrow());
            line.push("x".repeat(5000) + "\r\n");
            sleep(300);   // the reader takes the whole line first; a command would drop what it has of it as a half line
            assertTrue(session.command("AT+CREG?", T).ok());
            assertTrue(session.garbageReport().contains("1 over-long lines"), session.garbageReport());
        }
    }

    @Test
    void aSilentModemTimesOutWithoutBlockingTheNextCommandForever() {
        FakeModemLine line = new FakeModemLine(cmd -> null);
        try (AtSession session = new AtSession(line, "t")) {
            long start = System.nanoTime();
            AtResponse r = session.command("AT", Duration.ofMillis(300));
            assertEquals(AtResponse.Outcome.TIMEOUT, r.outcome());
            assertTrue(System.nanoTime() - start < 2_000_000_000L);
        }
    }

    @Test
    void urcsGoToTheirListenersEvenDuringACommand() throws Exception {
        FakeModemLine line = new FakeModemLine(cmd -> "\r\nRING\r\n+CSQ: 10,99\r\n+CMTI: \"SM\",3\r\nOK\r\n");
        List<String> urcs = new CopyOnWriteArrayList<>();
        try (AtSession session = new AtSession(line, "t")) {
            session.onUrc("RING", urcs::add);
            session.onUrc("+CMTI:", urcs::add);
            session.onUrc("+CREG:", urcs::add);
            AtResponse r = session.command("AT+CSQ", T);
            assertEquals(List.of("+CSQ: 10,99"), r.lines());
            line.push("+CREG: 5\r\nhello\r\n");
            for (int i = 0; i < 50 && urcs.size() < 3; i++) {
                Thread.sleep(20);
            }
            assertEquals(List.of("RING", "+CMTI: \"SM\",3", "+CREG: 5"), urcs);
            sleep(100);
            assertEquals(1, session.unknownLines());
        }
    }

    @Test
    void theSmsPromptExchangeWritesTextAndCtrlZ() {
        FakeModemLine line = new FakeModemLine(cmd -> cmd.startsWith("AT+CMGS") ? "\r\n> " : cmd.endsWith("\u001a") ? "\r\n+CMGS: 7\r\n\r\nOK\r\n" : "");
        try (AtSession session = new AtSession(line, "t")) {
            AtResponse r = session.exchange("AT+CMGS=\"+15550100\"", LineFramer.PROMPT, AtSession.smsPayload("OP1:abc"), T);
            assertTrue(r.ok(), r.toString());
            assertEquals("7", r.value("+CMGS:").orElseThrow());
            assertTrue(line.written.toString().endsWith("OP1:abc\u001a"));
        }
    }

    @Test
    void aStageAnsweredByAFinalResultDoesNotWriteThePayload() {
        FakeModemLine line = new FakeModemLine(cmd -> cmd.startsWith("AT+SBDWB") ? "3\r\nOK\r\n" : "");
        try (AtSession session = new AtSession(line, "t")) {
            AtResponse r = session.exchange("AT+SBDWB=400", "READY", new byte[] {1, 2, 3}, T);
            assertEquals(List.of("3"), r.lines());
            assertEquals("AT+SBDWB=400\r", line.written.toString());
        }
    }

    @Test
    void aBinaryBlockIsReadThenTheOk() {
        FakeModemLine line = new FakeModemLine(cmd -> null);
        try (AtSession session = new AtSession(line, "t")) {
            new Thread(() -> {
                sleep(100);
                line.pushBytes(new byte[] {0, 3, 10, 13, 26, 0, 49});
                line.push("\r\nOK\r\n");
            }).start();
            AtResponse r = session.binaryCommand("AT+SBDRB", T);
            assertTrue(r.ok(), r.toString());
            assertArrayEquals(new byte[] {10, 13, 26, 0, 49}, r.binary());
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
