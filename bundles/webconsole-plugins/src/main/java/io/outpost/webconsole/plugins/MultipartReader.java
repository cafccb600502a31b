package io.outpost.webconsole.plugins;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body (RFC 7578) read as it arrives: each part's body is copied straight to where the
 * caller wants it, so a large file never sits in memory or in a container's own temporary folder. Bounded: a part
 * longer than the caller's maximum, or headers longer than 8 KiB, end the reading with an {@link IOException}.
 */
final class MultipartReader {

    /** A part's headers: its form field name and, for a file, the file name the browser sent (else empty). */
    record Part(String name, String fileName) {
    }

    /** A part was longer than the maximum its caller allowed. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private static final int MAX_HEADER_BYTES = 8 * 1024;
    private static final Pattern BOUNDARY = Pattern.compile("(?i)(?:^|;)\\s*boundary=(?:\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("(?i)(?:^|;)\\s*filename=\"([^\"]*)\"");

    private final InputStream in;
    private final byte[] delimiter;  // CRLF "--" boundary
    private final int[] fallback;    // for each matched length, the longest delimiter prefix that is also its suffix
    private boolean started;
    private boolean bodyPending;
    private boolean finished;

    MultipartReader(InputStream body, String boundary) {
        this.in = new BufferedInputStream(body, 64 * 1024);
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.fallback = new int[delimiter.length];
        for (int i = 1, k = 0; i < delimiter.length; i++) {
            while (k > 0 && delimiter[i] != delimiter[k]) {
                k = fallback[k - 1];
            }
            if (delimiter[i] == delimiter[k]) {
                k++;
            }
            fallback[i] = k;
        }
    }

    /** The boundary of a {@code multipart/form-data} content type, if it is one. */
    static Optional<String> boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        Matcher m = BOUNDARY.matcher(contentType.substring("multipart/form-data".length()));
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) != null ? m.group(1) : m.group(2));
    }

    /** The next part's headers, or empty after the last part. The previous part's unread body is skipped. */
    Optional<Part> next() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        if (!started) {
            started = true;
            copyToDelimiter(OutputStream.nullOutputStream(), Long.MAX_VALUE, 2); // the preamble; the first CRLF is implied
        } else if (bodyPending) {
            skipBody(Long.MAX_VALUE);
        }
        int a = read();
        int b = read();
        if (a == '-' && b == '-') {
            finished = true;
            return Optional.empty();
        }
        if (a != '\r' || b != '\n') {
            throw new IOException("malformed multipart body: no line end after a boundary");
        }
        String headers = readHeaders();
        String disposition = "";
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition")) {
                disposition = line.substring(colon + 1).trim();
            }
        }
        Matcher name = NAME.matcher(disposition);
        if (!disposition.toLowerCase(Locale.ROOT).startsWith("form-data") || !name.find()) {
            throw new IOException("malformed multipart body: a part without a form-data name");
        }
        Matcher file = FILE_NAME.matcher(disposition);
        bodyPending = true;
        return Optional.of(new Part(name.group(1), file.find() ? file.group(1) : ""));
    }

    /** Copies the current part's body to {@code out}; its length, or {@link TooLarge} past {@code maxBytes}. */
    long copyBody(OutputStream out, long maxBytes) throws IOException {
        if (!bodyPending) {
            throw new IllegalStateException("no part to read");
        }
        bodyPending = false;
        return copyToDelimiter(out, maxBytes, 0);
    }

    /** The current part's body as text (UTF-8), at most {@code maxBytes}. */
    String text(int maxBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        copyBody(bytes, maxBytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    long skipBody(long maxBytes) throws IOException {
        return copyBody(OutputStream.nullOutputStream(), maxBytes);
    }

    /**
     * Copies bytes until the delimiter (not copied); {@code matched} bytes of it count as already seen. A byte that
     * turns out not to start a delimiter is written then, so the part's bytes come out exactly once, in order.
     */
    private long copyToDelimiter(OutputStream out, long maxBytes, int matched) throws IOException {
        long written = 0;
        int j = matched;
        while (true) {
            int c = read();
            while (j > 0 && c != (delimiter[j] & 0xff)) {
                int k = fallback[j - 1];
                written += j - k;
                if (written > maxBytes) {
                    throw new TooLarge("longer than " + maxBytes + " bytes");
                }
                out.write(delimiter, 0, j - k);
                j = k;
            }
            if (c == (delimiter[j] & 0xff)) {
                j++;
                if (j == delimiter.length) {
                    return written;
                }
            } else {
                if (++written > maxBytes) {
                    throw new TooLarge("longer than " + maxBytes + " bytes");
                }
                out.write(c);
            }
        }
    }

    private String readHeaders() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int state = 0; // how much of CRLF CRLF has been seen
        while (state < 4) {
            int c = read();
            bytes.write(c);
            if (bytes.size() > MAX_HEADER_BYTES) {
                throw new IOException("malformed multipart body: a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
            }
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : c == '\r' ? 1 : 0;
            if (state == 2 && bytes.size() == 2) {
                return ""; // no headers at all
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private int read() throws IOException {
        int c = in.read();
        if (c < 0) {
            throw new IOException("the upload ended before its last part (connection closed?)");
        }
        return c;
    }
}
