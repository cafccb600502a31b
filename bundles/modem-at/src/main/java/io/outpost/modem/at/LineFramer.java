package io.outpost.modem.at;

import java.util.function.Consumer;

/**
 * Cuts a modem's bytes into lines. CR and LF end a line (empty lines are skipped); bytes outside printable ASCII
 * are dropped and counted; a line longer than {@link #MAX_LINE} is discarded whole and counted, so a flood of
 * garbage costs bounded memory. When a prompt is expected, the unterminated text {@code >} (the SMS prompt
 * {@code "> "}) is reported as a prompt. Not thread-safe: one reader thread feeds it.
 */
public final class LineFramer {

    public static final int MAX_LINE = 512;
    public static final String PROMPT = ">";

    private final Consumer<String> lines;
    private final StringBuilder current = new StringBuilder();
    private boolean overlong;
    private boolean expectPrompt;
    private long droppedBytes;
    private long droppedLines;

    /** @param lines receives each complete line (and {@link #PROMPT} for a prompt) */
    public LineFramer(Consumer<String> lines) {
        this.lines = lines;
    }

    public void feed(byte[] data, int length) {
        for (int i = 0; i < length; i++) {
            feed(data[i]);
        }
    }

    public void feed(byte b) {
        int c = b & 0xFF;
        if (c == '\r' || c == '\n') {
            endLine();
        } else if (c < 0x20 || c > 0x7E) {
            droppedBytes++;
        } else if (overlong) {
            droppedBytes++;
        } else if (current.length() >= MAX_LINE) {
            overlong = true;
            droppedBytes += current.length() + 1;
            current.setLength(0);
        } else {
            current.append((char) c);
            if (expectPrompt && c == ' ' && current.length() == 2 && current.charAt(0) == '>') {
                current.setLength(0);
                expectPrompt = false;
                lines.accept(PROMPT);
            }
        }
    }

    /** Forgets an unterminated line (a half line before a command is garbage). */
    public void discardPartial() {
        if (current.length() > 0) {
            droppedBytes += current.length();
            current.setLength(0);
        }
        overlong = false;
    }

    public void expectPrompt(boolean expect) {
        this.expectPrompt = expect;
    }

    public long droppedBytes() {
        return droppedBytes;
    }

    public long droppedLines() {
        return droppedLines;
    }

    private void endLine() {
        if (overlong) {
            droppedLines++;
            overlong = false;
        } else if (current.length() > 0) {
            String line = current.toString().trim();
            current.setLength(0);
            if (!line.isEmpty()) {
                lines.accept(line);
            }
        }
    }
}
