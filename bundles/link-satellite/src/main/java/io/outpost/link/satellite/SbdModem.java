package io.outpost.link.satellite;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import io.outpost.modem.at.AtResponse;
import io.outpost.modem.at.AtSession;

/**
 * The SBD commands of an Iridium modem on one {@link AtSession}. Every method returns within its timeout; a
 * {@link AtResponse.Outcome#TIMEOUT} or {@code CLOSED} shows in the result as empty or false, and
 * {@link #lastAnswered()} tells the link whether the modem still answers.
 */
final class SbdModem {

    private final AtSession session;
    private final Duration commandTimeout;
    private final Duration sessionTimeout;
    private volatile boolean answered = true;

    SbdModem(AtSession session, Duration commandTimeout, Duration sessionTimeout) {
        this.session = session;
        this.commandTimeout = commandTimeout;
        this.sessionTimeout = sessionTimeout;
    }

    /** Echo off, no flow control (three-wire), no ring alerts. */
    boolean init() {
        return command("ATE0").ok() && command("AT&K0").ok();
    }

    /** Signal bars 0-5, or empty when the modem does not say. */
    Optional<Integer> signal() {
        return command("AT+CSQ").value("+CSQ:").flatMap(SbdModem::integer);
    }

    /**
     * Writes the mobile-originated buffer.
     *
     * @return the modem's status: 0 written, 1 timeout, 2 bad checksum, 3 bad size; -1 when it did not answer
     */
    int writeMobileOriginated(byte[] message) {
        byte[] payload = Arrays.copyOf(message, message.length + 2);
        int sum = checksum(message);
        payload[message.length] = (byte) (sum >> 8);
        payload[message.length + 1] = (byte) sum;
        AtResponse r = track(session.exchange("AT+SBDWB=" + message.length, "READY", payload, commandTimeout));
        if (!r.ok()) {
            return -1;
        }
        return r.lines().stream().map(SbdModem::integer).flatMap(Optional::stream).reduce((a, b) -> b).orElse(-1);
    }

    /** One session; empty when the modem did not answer with a well-formed +SBDIX. */
    Optional<SbdixResult> session() {
        AtResponse r = track(session.command("AT+SBDIX", sessionTimeout));
        return r.ok() ? r.value("+SBDIX:").flatMap(SbdixResult::parse) : Optional.empty();
    }

    boolean clearMobileOriginated() {
        return command("AT+SBDD0").ok();
    }

    /** The mobile-terminated buffer, checksum verified; empty when absent, unanswered or corrupt. */
    Optional<byte[]> readMobileTerminated() {
        AtResponse r = track(session.binaryCommand("AT+SBDRB", commandTimeout));
        byte[] block = r.binary();
        if (!r.ok() || block.length < 2) {
            return Optional.empty();
        }
        byte[] message = Arrays.copyOf(block, block.length - 2);
        int given = ((block[block.length - 2] & 0xFF) << 8) | (block[block.length - 1] & 0xFF);
        return given == checksum(message) && message.length > 0 ? Optional.of(message) : Optional.empty();
    }

    boolean lastAnswered() {
        return answered;
    }

    static int checksum(byte[] message) {
        int sum = 0;
        for (byte b : message) {
            sum += b & 0xFF;
        }
        return sum & 0xFFFF;
    }

    private AtResponse command(String text) {
        return track(session.command(text, commandTimeout));
    }

    private AtResponse track(AtResponse r) {
        answered = r.outcome() == AtResponse.Outcome.OK || r.outcome() == AtResponse.Outcome.ERROR;
        return r;
    }

    private static Optional<Integer> integer(String s) {
        try {
            return Optional.of(Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
