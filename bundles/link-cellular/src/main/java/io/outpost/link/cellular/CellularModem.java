package io.outpost.link.cellular;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.outpost.modem.at.AtResponse;
import io.outpost.modem.at.AtSession;
import io.outpost.modem.at.LineFramer;

/**
 * The 3GPP commands the cellular link uses, on one {@link AtSession}. Counts commands in a row that got no answer
 * at all ({@link #unansweredInARow()}), which is how the link notices a modem that stopped answering.
 */
final class CellularModem {

    private final AtSession session;
    private final Duration timeout;
    private final Duration smsTimeout;
    private int unansweredInARow;

    CellularModem(AtSession session, Duration timeout, Duration smsTimeout) {
        this.session = session;
        this.timeout = timeout;
        this.smsTimeout = smsTimeout;
    }

    AtResponse command(String text) {
        return track(session.command(text, timeout));
    }

    boolean echoOff() {
        return command("ATE0").ok();
    }

    /** The SIM state ({@code READY}, {@code SIM PIN}, ...), or the error ({@code +CME ERROR: 10} = not inserted). */
    String simState() {
        AtResponse r = command("AT+CPIN?");
        return r.ok() ? r.value("+CPIN:").orElse("?") : r.result().isEmpty() ? "no answer" : r.result();
    }

    /** Registered on either the circuit-switched (+CREG) or the EPS (+CEREG) network. */
    Optional<Registration> registration() {
        Optional<Registration> cs = command("AT+CREG?").value("+CREG:").flatMap(Registration::ofQuery);
        if (cs.isPresent() && cs.get().registered()) {
            return cs;
        }
        Optional<Registration> eps = command("AT+CEREG?").value("+CEREG:").flatMap(Registration::ofQuery);
        return eps.isPresent() && eps.get().registered() ? eps : cs.or(() -> eps);
    }

    /** AT+CSQ rssi: 0-31, 99 unknown; empty when the modem did not say. */
    Optional<Integer> signal() {
        return command("AT+CSQ").value("+CSQ:").map(v -> v.split(",")[0].trim()).flatMap(CellularModem::integer);
    }

    /** The operator's name from {@code +COPS: <mode>,<format>,"<oper>"[,<AcT>]}, empty when not registered. */
    Optional<String> operator() {
        return command("AT+COPS?").value("+COPS:").flatMap(v -> {
            int a = v.indexOf('"');
            int b = v.lastIndexOf('"');
            return a >= 0 && b > a ? Optional.of(v.substring(a + 1, b)) : Optional.empty();
        });
    }

    /** The IMEI: the first line of 14-17 digits in the answer to AT+CGSN. */
    Optional<String> imei() {
        return command("AT+CGSN").lines().stream().map(String::trim).filter(l -> l.matches("[0-9]{14,17}")).findFirst();
    }

    /** The SIM's ICCID from AT+CCID or, on modems that spell it so, AT+ICCID. */
    Optional<String> iccid() {
        Optional<String> id = command("AT+CCID").value("+CCID:");
        if (id.isEmpty()) {
            id = command("AT+ICCID").value("+ICCID:");
        }
        return id.map(v -> v.replace("\"", "").trim()).filter(v -> v.matches("[0-9A-Fa-f]{10,22}"));
    }

    /** Text mode, and new messages stored on the SIM and announced by +CMTI. */
    boolean smsTextMode() {
        return command("AT+CMGF=1").ok() && command("AT+CNMI=2,1,0,0,0").ok();
    }

    boolean registrationUrcs() {
        return command("AT+CREG=1").ok();
    }

    /** @return the message reference, or the error / timeout as the response says */
    AtResponse sendSms(String number, String text) {
        return track(session.exchange("AT+CMGS=\"" + number + "\"", LineFramer.PROMPT, AtSession.smsPayload(text), smsTimeout));
    }

    List<ReceivedSms> listSms() {
        return ReceivedSms.ofList(command("AT+CMGL=\"ALL\"").lines());
    }

    Optional<ReceivedSms> readSms(int index) {
        AtResponse r = command("AT+CMGR=" + index);
        return r.ok() ? ReceivedSms.ofRead(index, r.lines()) : Optional.empty();
    }

    boolean deleteSms(int index) {
        return command("AT+CMGD=" + index).ok();
    }

    /** Sends the reset command; the modem may well not answer it (it reboots). */
    void reset(String resetCommand) {
        session.command(resetCommand, timeout);
        unansweredInARow = 0;
    }

    int unansweredInARow() {
        return unansweredInARow;
    }

    boolean isOpen() {
        return session.isOpen();
    }

    AutoCloseable onUrc(String prefix, java.util.function.Consumer<String> listener) {
        return session.onUrc(prefix, listener);
    }

    void close() {
        session.close();
    }

    private AtResponse track(AtResponse r) {
        if (r.outcome() == AtResponse.Outcome.TIMEOUT || r.outcome() == AtResponse.Outcome.CLOSED) {
            unansweredInARow++;
        } else {
            unansweredInARow = 0;
        }
        return r;
    }

    private static Optional<Integer> integer(String s) {
        try {
            return Optional.of(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
