package io.outpost.ota;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * Downloads one package over HTTP or HTTPS into a partial file and, once complete, renames it to its final name, so
 * a partial file is never mistaken for a package. A dropped connection is resumed with {@code Range} from the
 * partial file's length, also after a restart of the gateway (the partial file and its validator stay on disk).
 * At most 5 redirects, never from https to http. The caller owns the thread; nothing here is shared.
 */
final class PackageDownloader {

    static final int MAX_REDIRECTS = 5;
    private static final long SYNC_EVERY_BYTES = 1024 * 1024;

    /** Told after every block written. */
    interface Progress {
        void advanced(long bytesDone, long bytesTotal);
    }

    /**
     * @param bytesTotal       the package size
     * @param resumedFrom      the partial file's length when this call started (after a restart)
     * @param bytesTransferred bytes received over the network by this call, including any thrown away
     * @param attempts         connections made (1 when nothing was dropped)
     * @param rangeRequests    requests that asked for a range
     */
    record Outcome(long bytesTotal, long resumedFrom, long bytesTransferred, int attempts, int rangeRequests) {
    }

    /** Credentials for HTTP basic authentication; empty user: none. Sent only to the first host, never after a redirect to another. */
    record Credentials(String user, String password) {
        static final Credentials NONE = new Credentials("", "");
    }

    private final SSLSocketFactory tls;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int retries;
    private final long retryDelayMillis;
    private final long minFreeBytes;
    private final long maxBytes;
    private final long throttleBytesPerSecond;

    PackageDownloader(SSLSocketFactory tls, Duration connectTimeout, Duration readTimeout, int retries, long retryDelayMillis,
                      long minFreeBytes, long maxBytes, long throttleBytesPerSecond) {
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.retries = retries;
        this.retryDelayMillis = retryDelayMillis;
        this.minFreeBytes = minFreeBytes;
        this.maxBytes = maxBytes;
        this.throttleBytesPerSecond = throttleBytesPerSecond;
    }

    static PackageDownloader of(OtaSettings settings) {
        return new PackageDownloader(HttpTrust.socketFactory(settings.trustStore()), settings.connectTimeout(), settings.readTimeout(),
            settings.downloadRetries(), settings.retryDelayMillis(), settings.minFreeBytes(), settings.maxPackageBytes(),
            settings.throttleBytesPerSecond());
    }

    /** Checks a URI before anything is downloaded. */
    static URI checkUri(String text) throws DownloadException {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new DownloadException("'dp.uri' must be an http or https URL, is '" + text + "'");
            }
            if (uri.getHost() == null) {
                throw new DownloadException("'dp.uri' has no host: '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new DownloadException("'dp.uri' is not a URL: " + e.getMessage());
        }
    }

    /**
     * Downloads {@code uri} to {@code complete}, through {@code partial} (kept when this throws, for a resume later).
     *
     * @param blockSize bytes read and written at a time
     */
    Outcome download(URI uri, Credentials credentials, Path partial, Path complete, int blockSize, BooleanSupplier cancelled,
                     Progress progress) throws DownloadException {
        Path validatorFile = partial.resolveSibling(partial.getFileName() + ".validator");
        long resumedFrom = sizeOf(partial);
        long transferred = 0;
        int attempts = 0;
        int ranges = 0;
        long total = -1;
        DownloadException last = null;
        while (attempts <= retries) {
            if (cancelled.getAsBoolean()) {
                throw new DownloadException.Cancelled();
            }
            if (attempts > 0) {
                pause(Math.min(60_000, retryDelayMillis << Math.min(attempts - 1, 16)), cancelled);
            }
            attempts++;
            long have = sizeOf(partial);
            String validator = have > 0 ? readValidator(validatorFile) : "";
            if (have > 0) {
                ranges++;
            }
            HttpURLConnection connection = null;
            try {
                connection = open(uri, credentials, have, validator);
                int code = connection.getResponseCode();
                long offset;
                if (code == HttpURLConnection.HTTP_PARTIAL && have > 0) {
                    long[] range = contentRange(connection.getHeaderField("Content-Range"));
                    if (range[0] != have) {
                        throw new DownloadException("server answered the range from " + have + " with one from " + range[0]);
                    }
                    offset = have;
                    total = range[1];
                } else if (code == HttpURLConnection.HTTP_OK) {
                    offset = 0;  // a fresh start, or the server ignored or refused the range (If-Range: the file changed)
                    total = connection.getContentLengthLong();
                    writeValidator(validatorFile, validatorOf(connection));
                } else if (code == 416 && have > 0) {
                    Files.deleteIfExists(partial);  // the partial file is longer than the resource: start again
                    Files.deleteIfExists(validatorFile);
                    last = new DownloadException("server refused the range from " + have + " (416)");
                    continue;
                } else {
                    throw new Fatal("download of " + redact(uri) + " failed: HTTP " + code);
                }
                if (total > maxBytes) {
                    throw new Fatal("the package is " + total + " bytes, more than 'maxPackageBytes' " + maxBytes);
                }
                checkFreeSpace(partial, total < 0 ? 0 : total - offset);
                transferred += copy(connection, partial, offset, total, blockSize, cancelled, progress);
                long size = sizeOf(partial);
                if (total >= 0 && size != total) {
                    last = new DownloadException("connection ended at " + size + " of " + total + " bytes");
                    continue;
                }
                Files.move(partial, complete, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(validatorFile);
                return new Outcome(size, resumedFrom, transferred, attempts, ranges);
            } catch (Fatal | DownloadException.Cancelled e) {
                throw e;
            } catch (IOException e) {
                last = e instanceof DownloadException d ? d : new DownloadException("download of " + redact(uri) + " dropped: " + e.getMessage(), e);
            } finally {
                if (connection != null) {
                    connection.disconnect();
                }
            }
        }
        throw new DownloadException((last == null ? "download failed" : last.getMessage()) + " (after " + attempts + " attempts)", last);
    }

    /**
     * Fetches a small text (a detached signature) with the same redirect and TLS rules; empty when the server has none
     * (404 or 410).
     */
    java.util.Optional<String> fetchText(URI uri, Credentials credentials, int maxBytes) throws DownloadException {
        HttpURLConnection connection = null;
        try {
            connection = open(uri, credentials, 0, "");
            int code = connection.getResponseCode();
            if (code == 404 || code == 410) {
                return java.util.Optional.empty();
            }
            if (code != HttpURLConnection.HTTP_OK) {
                throw new DownloadException("fetching " + redact(uri) + " failed: HTTP " + code);
            }
            try (InputStream in = connection.getInputStream()) {
                byte[] bytes = in.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw new DownloadException(redact(uri) + " is larger than " + maxBytes + " bytes");
                }
                return java.util.Optional.of(new String(bytes, StandardCharsets.US_ASCII));
            }
        } catch (DownloadException e) {
            throw e;
        } catch (IOException e) {
            throw new DownloadException("fetching " + redact(uri) + " failed: " + e.getMessage(), e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    /** A failure that trying again cannot fix (a 404, a refused redirect, too large). */
    static final class Fatal extends DownloadException {
        private static final long serialVersionUID = 1L;

        Fatal(String message) {
            super(message);
        }
    }

    private HttpURLConnection open(URI start, Credentials credentials, long have, String validator) throws IOException {
        URI uri = start;
        for (int hop = 0; ; hop++) {
            HttpURLConnection connection = (HttpURLConnection) new URL(uri.toString()).openConnection();
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout((int) connectTimeout.toMillis());
            connection.setReadTimeout((int) readTimeout.toMillis());
            connection.setUseCaches(false);
            if (connection instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(tls);  // before anything connects (Kura attaches its factory too late)
            }
            if (!credentials.user().isEmpty() && sameOrigin(uri, start)) {
                String token = Base64.getEncoder().encodeToString((credentials.user() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
                connection.setRequestProperty("Authorization", "Basic " + token);
            }
            connection.setRequestProperty("Accept-Encoding", "identity");
            if (have > 0) {
                connection.setRequestProperty("Range", "bytes=" + have + "-");
                if (!validator.isEmpty()) {
                    connection.setRequestProperty("If-Range", validator);
                }
            }
            int code = connection.getResponseCode();
            if (code != 301 && code != 302 && code != 303 && code != 307 && code != 308) {
                return connection;
            }
            String location = connection.getHeaderField("Location");
            connection.disconnect();
            if (hop + 1 > MAX_REDIRECTS) {
                throw new Fatal("more than " + MAX_REDIRECTS + " redirects from " + redact(start));
            }
            if (location == null || location.isBlank()) {
                throw new Fatal("redirect " + code + " without a Location from " + redact(uri));
            }
            URI next;
            try {
                next = uri.resolve(new URI(location.strip()));
            } catch (URISyntaxException e) {
                throw new Fatal("redirect to a malformed Location '" + location + "'");
            }
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if ("https".equalsIgnoreCase(uri.getScheme()) && !scheme.equals("https")) {
                throw new Fatal("refused a redirect from https to " + scheme + ": " + redact(next));
            }
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new Fatal("refused a redirect to '" + scheme + "'");
            }
            uri = next;
        }
    }

    private long copy(HttpURLConnection connection, Path partial, long offset, long total, int blockSize, BooleanSupplier cancelled,
                      Progress progress) throws IOException {
        long received = 0;
        long started = System.nanoTime();
        long sinceSync = 0;
        byte[] buffer = new byte[Math.max(1024, blockSize)];
        try (InputStream in = connection.getInputStream();
             FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.truncate(offset);
            out.position(offset);
            long done = offset;
            progress.advanced(done, total);
            for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; ) {
                if (cancelled.getAsBoolean()) {
                    throw new DownloadException.Cancelled();
                }
                if (total < 0 && done + n > maxBytes) {
                    throw new Fatal("the package is larger than 'maxPackageBytes' " + maxBytes);
                }
                ByteBuffer block = ByteBuffer.wrap(buffer, 0, n);
                while (block.hasRemaining()) {
                    out.write(block);
                }
                done += n;
                received += n;
                sinceSync += n;
                if (sinceSync >= SYNC_EVERY_BYTES) {
                    out.force(false);
                    sinceSync = 0;
                }
                progress.advanced(done, total);
                throttle(received, started, cancelled);
                if (n < buffer.length) {
                    break;  // readNBytes returns less only at the end of the stream
                }
            }
            out.force(false);
        } catch (IOException e) {
            // bytes already written stay in the partial file: the next attempt asks for the rest
            throw e;
        }
        return received;
    }

    private void throttle(long received, long startedNanos, BooleanSupplier cancelled) throws DownloadException {
        if (throttleBytesPerSecond <= 0) {
            return;
        }
        long dueMillis = received * 1000 / throttleBytesPerSecond;
        long elapsedMillis = (System.nanoTime() - startedNanos) / 1_000_000;
        if (dueMillis > elapsedMillis) {
            pause(dueMillis - elapsedMillis, cancelled);
        }
    }

    private void checkFreeSpace(Path partial, long needed) throws IOException {
        Path dir = partial.toAbsolutePath().getParent();
        long usable = Files.getFileStore(dir).getUsableSpace();
        if (usable < needed + minFreeBytes) {
            throw new Fatal("not enough free disk for the package: " + needed + " bytes needed plus 'minFreeBytes' "
                + minFreeBytes + ", " + usable + " free in " + dir);
        }
    }

    private static void pause(long millis, BooleanSupplier cancelled) throws DownloadException {
        long end = System.currentTimeMillis() + millis;
        try {
            while (System.currentTimeMillis() < end) {
                if (cancelled.getAsBoolean()) {
                    throw new DownloadException.Cancelled();
                }
                Thread.sleep(Math.min(100, Math.max(1, end - System.currentTimeMillis())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException("interrupted");
        }
    }

    /** [first byte, total] of {@code bytes first-last/total}; total -1 when '*'. */
    static long[] contentRange(String header) throws DownloadException {
        if (header == null || !header.startsWith("bytes ")) {
            throw new DownloadException("206 without a Content-Range");
        }
        try {
            String spec = header.substring(6).strip();
            int dash = spec.indexOf('-');
            int slash = spec.indexOf('/');
            long first = Long.parseLong(spec.substring(0, dash));
            String totalText = spec.substring(slash + 1);
            return new long[] {first, totalText.equals("*") ? -1 : Long.parseLong(totalText)};
        } catch (RuntimeException e) {
            throw new DownloadException("malformed Content-Range '" + header + "'");
        }
    }

    private static String validatorOf(HttpURLConnection connection) {
        String etag = connection.getHeaderField("ETag");
        if (etag != null && !etag.startsWith("W/")) {
            return etag;
        }
        String modified = connection.getHeaderField("Last-Modified");
        return modified == null ? "" : modified;
    }

    private static String readValidator(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void writeValidator(Path file, String validator) throws IOException {
        Files.writeString(file, validator.replaceAll("[\\r\\n]", ""), StandardCharsets.UTF_8);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort()
            && String.valueOf(a.getScheme()).equalsIgnoreCase(String.valueOf(b.getScheme()));
    }

    /** The URI without user info and query (they may hold credentials or tokens). */
    static String redact(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
