package io.outpost.ota;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

class PackageDownloaderTest {

    private static final int SIZE = 1024 * 1024;
    private static final int BLOCK = 16 * 1024;

    @TempDir
    Path dir;

    private HttpServer server;
    private final byte[] content = new byte[SIZE];
    /** The Range header of every request, "" when none: what the server saw. */
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final AtomicLong bytesServed = new AtomicLong();
    private final AtomicInteger dropsLeft = new AtomicInteger();

    @BeforeEach
    void serve() throws IOException {
        new Random(7).nextBytes(content);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/pkg.dp", this::servePackage);
        server.createContext("/missing", ex -> {
            ranges.add(header(ex));
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.createContext("/loop", ex -> {
            ex.getResponseHeaders().add("Location", "/loop");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/to-ftp", ex -> {
            ex.getResponseHeaders().add("Location", "ftp://127.0.0.1/pkg.dp");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/moved", ex -> {
            ex.getResponseHeaders().add("Location", "/pkg.dp");
            ex.sendResponseHeaders(301, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String header(HttpExchange ex) {
        String range = ex.getRequestHeaders().getFirst("Range");
        return range == null ? "" : range;
    }

    /** Serves the content with Range support; while drops are left, stops after half of what it promised. */
    private void servePackage(HttpExchange ex) throws IOException {
        String range = header(ex);
        ranges.add(range);
        long from = 0;
        if (!range.isEmpty()) {
            from = Long.parseLong(range.substring("bytes=".length(), range.indexOf('-')));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (SIZE - 1) + "/" + SIZE);
        }
        ex.getResponseHeaders().add("ETag", "\"v1\"");
        long length = SIZE - from;
        ex.sendResponseHeaders(range.isEmpty() ? 200 : 206, length);
        boolean drop = dropsLeft.getAndDecrement() > 0;
        long stopAt = drop ? SIZE / 2 : SIZE;
        try (OutputStream out = ex.getResponseBody()) {
            long at = from;
            while (at < stopAt) {
                int n = (int) Math.min(8192, stopAt - at);
                out.write(content, (int) at, n);
                bytesServed.addAndGet(n);
                at += n;
            }
            out.flush();
            if (drop) {
                ex.getHttpContext().getServer();
                throw new IOException("dropped on purpose");  // the server closes the connection short of the length
            }
        }
    }

    private PackageDownloader downloader(int retries, long minFree) {
        return new PackageDownloader((SSLSocketFactory) SSLSocketFactory.getDefault(), Duration.ofSeconds(5), Duration.ofSeconds(5),
            retries, 10, minFree, 64L * 1024 * 1024, 0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void downloadsAWholePackageAndRenamesItOnlyWhenComplete() throws Exception {
        Path partial = dir.resolve("p.part");
        Path complete = dir.resolve("p.pkg");
        PackageDownloader.Outcome outcome = downloader(0, 0).download(uri("/moved"), PackageDownloader.Credentials.NONE, partial, complete,
            BLOCK, () -> false, (d, t) -> { });

        assertArrayEquals(content, Files.readAllBytes(complete));
        assertFalse(Files.exists(partial));
        assertEquals(1, outcome.attempts());
        assertEquals(List.of(""), ranges);
    }

    @Test
    void aDropAtHalfResumesWithARangeAndRefetchesAtMostOneBlock() throws Exception {
        dropsLeft.set(1);
        Path partial = dir.resolve("p.part");
        Path complete = dir.resolve("p.pkg");
        PackageDownloader.Outcome outcome = downloader(3, 0).download(uri("/pkg.dp"), PackageDownloader.Credentials.NONE, partial, complete,
            BLOCK, () -> false, (d, t) -> { });

        assertArrayEquals(content, Files.readAllBytes(complete));
        assertEquals(2, ranges.size(), ranges.toString());
        assertEquals("", ranges.get(0));
        assertTrue(ranges.get(1).startsWith("bytes="), ranges.toString());
        long resumedAt = Long.parseLong(ranges.get(1).substring(6, ranges.get(1).indexOf('-')));
        assertTrue(resumedAt > SIZE / 2 - BLOCK && resumedAt <= SIZE / 2, "resumed at " + resumedAt);
        long refetched = bytesServed.get() - SIZE;
        System.out.println("drop at 50 %: served " + bytesServed.get() + " bytes for " + SIZE + ", re-downloaded " + refetched + " (block " + BLOCK + ")");
        assertTrue(refetched <= BLOCK, "re-downloaded " + refetched);
        assertEquals(2, outcome.attempts());
        assertEquals(1, outcome.rangeRequests());
    }

    @Test
    void aPartialFileLeftByARestartIsResumedWithItsValidator() throws Exception {
        dropsLeft.set(1);
        Path partial = dir.resolve("p.part");
        Path complete = dir.resolve("p.pkg");
        assertThrows(DownloadException.class, () -> downloader(0, 0).download(uri("/pkg.dp"), PackageDownloader.Credentials.NONE,
            partial, complete, BLOCK, () -> false, (d, t) -> { }));
        long kept = Files.size(partial);
        assertTrue(kept > 0 && kept <= SIZE / 2, "kept " + kept);

        // "after the restart": a new downloader, the same files
        PackageDownloader.Outcome outcome = downloader(0, 0).download(uri("/pkg.dp"), PackageDownloader.Credentials.NONE, partial, complete,
            BLOCK, () -> false, (d, t) -> { });

        assertArrayEquals(content, Files.readAllBytes(complete));
        assertEquals("bytes=" + kept + "-", ranges.get(1));
        assertEquals(kept, outcome.resumedFrom());
    }

    @Test
    void aMissingPackageFailsAtOnceWithoutRetrying() {
        DownloadException e = assertThrows(DownloadException.class, () -> downloader(5, 0).download(uri("/missing"),
            PackageDownloader.Credentials.NONE, dir.resolve("p.part"), dir.resolve("p.pkg"), BLOCK, () -> false, (d, t) -> { }));
        assertTrue(e.getMessage().contains("404"), e.getMessage());
        assertEquals(1, ranges.size());
    }

    @Test
    void redirectsAreLimitedAndOnlyToHttp() {
        DownloadException loop = assertThrows(DownloadException.class, () -> downloader(0, 0).download(uri("/loop"),
            PackageDownloader.Credentials.NONE, dir.resolve("p.part"), dir.resolve("p.pkg"), BLOCK, () -> false, (d, t) -> { }));
        assertTrue(loop.getMessage().contains("more than 5 redirects"), loop.getMessage());
        DownloadException ftp = assertThrows(DownloadException.class, () -> downloader(0, 0).download(uri("/to-ftp"),
            PackageDownloader.Credentials.NONE, dir.resolve("p.part"), dir.resolve("p.pkg"), BLOCK, () -> false, (d, t) -> { }));
        assertTrue(ftp.getMessage().contains("refused a redirect"), ftp.getMessage());
    }

    @Test
    void notEnoughFreeDiskIsRefusedBeforeAnyByteIsWritten() {
        Path partial = dir.resolve("p.part");
        DownloadException e = assertThrows(DownloadException.class, () -> downloader(3, Long.MAX_VALUE / 4).download(uri("/pkg.dp"),
            PackageDownloader.Credentials.NONE, partial, dir.resolve("p.pkg"), BLOCK, () -> false, (d, t) -> { }));
        assertTrue(e.getMessage().contains("not enough free disk"), e.getMessage());
        assertFalse(Files.exists(partial));
        assertEquals(1, ranges.size());
    }

    @Test
    void cancellingStopsTheDownloadAndKeepsNoCompleteFile() {
        AtomicLong seen = new AtomicLong();
        Path complete = dir.resolve("p.pkg");
        assertThrows(DownloadException.Cancelled.class, () -> downloader(3, 0).download(uri("/pkg.dp"), PackageDownloader.Credentials.NONE,
            dir.resolve("p.part"), complete, BLOCK, () -> seen.get() > SIZE / 4, (d, t) -> seen.set(d)));
        assertFalse(Files.exists(complete));
    }
}
