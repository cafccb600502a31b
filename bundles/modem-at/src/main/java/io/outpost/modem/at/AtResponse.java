package io.outpost.modem.at;

import java.util.List;
import java.util.Optional;

/**
 * What a modem answered to one command.
 *
 * @param outcome how it ended
 * @param lines   the information lines before the final result, in order (echo removed)
 * @param result  the final result line ({@code OK}, {@code +CME ERROR: 10}), empty on timeout
 * @param binary  bytes read in binary mode (AT+SBDRB), empty otherwise
 */
public record AtResponse(Outcome outcome, List<String> lines, String result, byte[] binary) {

    /** How a command ended. */
    public enum Outcome {
        /** {@code OK} (or, for a stage, the awaited {@code READY} or prompt). */
        OK,
        /** {@code ERROR}, {@code +CME ERROR}, {@code +CMS ERROR}, {@code NO CARRIER} and the like. */
        ERROR,
        /** No final result in time: the modem may have stopped answering. */
        TIMEOUT,
        /** The session is closed or its line failed. */
        CLOSED
    }

    public AtResponse {
        lines = List.copyOf(lines);
        binary = binary == null ? new byte[0] : binary.clone();
    }

    @Override
    public byte[] binary() {
        return binary.clone();
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }

    /** The rest of the first line that starts with {@code prefix} (e.g. {@code +CSQ:}), trimmed. */
    public Optional<String> value(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().map(l -> l.substring(prefix.length()).trim());
    }

    /** The first line that is not a garbage candidate: for commands whose answer has no prefix (AT+CGSN). */
    public Optional<String> firstLine() {
        return lines.stream().findFirst();
    }

    @Override
    public String toString() {
        return outcome + (result.isEmpty() ? "" : " '" + result + "'") + " " + lines;
    }
}
