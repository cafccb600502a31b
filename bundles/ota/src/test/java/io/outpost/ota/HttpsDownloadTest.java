package io.outpost.ota;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/** HTTPS downloads against the JDK's HttpsServer with a certificate for "localhost" made by keytool for the test. */
class HttpsDownloadTest {

    @TempDir
    Path dir;

    private HttpsServer server;
    private Path caPem;
    private final byte[] content = "a package over TLS".repeat(1000).getBytes();

    @BeforeEach
    void serve() throws Exception {
        Path keystore = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost",
            "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit");
        caPem = dir.resolve("ca.pem");
        run(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "changeit",
            "-file", caPem.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/pkg.dp", ex -> {
            ex.sendResponseHeaders(200, content.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(content);
            }
        });
        server.createContext("/to-http", ex -> {
            ex.getResponseHeaders().add("Location", "http://localhost:" + server.getAddress().getPort() + "/pkg.dp");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool hangs");
        assertEquals(0, p.exitValue(), output);
    }

    private PackageDownloader downloader(SSLSocketFactory tls) {
        return new PackageDownloader(tls, Duration.ofSeconds(5), Duration.ofSeconds(5), 0, 10, 0, 1 << 24, 0);
    }

    private URI uri(String host, String path) {
        return URI.create("https://" + host + ":" + server.getAddress().getPort() + path);
    }

    @Test
    void downloadsWithTheConfiguredTrustStore() throws Exception {
        Path complete = dir.resolve("p.pkg");
        downloader(HttpTrust.socketFactory(caPem)).download(uri("localhost", "/pkg.dp"), PackageDownloader.Credentials.NONE,
            dir.resolve("p.part"), complete, 4096, () -> false, (d, t) -> { });
        assertArrayEquals(content, Files.readAllBytes(complete));
    }

    @Test
    void aServerTheTrustStoreDoesNotKnowIsRefused() {
        DownloadException e = assertThrows(DownloadException.class, () -> downloader((SSLSocketFactory) SSLSocketFactory.getDefault())
            .download(uri("localhost", "/pkg.dp"), PackageDownloader.Credentials.NONE, dir.resolve("p.part"), dir.resolve("p.pkg"),
                4096, () -> false, (d, t) -> { }));
        assertTrue(e.getMessage().contains("PKIX") || e.getMessage().contains("certificat"), e.getMessage());
    }

    @Test
    void aCertificateForAnotherHostNameIsRefused() {
        DownloadException e = assertThrows(DownloadException.class, () -> downloader(HttpTrust.socketFactory(caPem))
            .download(uri("127.0.0.1", "/pkg.dp"), PackageDownloader.Credentials.NONE, dir.resolve("p.part"), dir.resolve("p.pkg"),
                4096, () -> false, (d, t) -> { }));
        assertTrue(e.getMessage().contains("127.0.0.1") || e.getMessage().contains("subject alternative"), e.getMessage());
    }

    @Test
    void aRedirectFromHttpsToHttpIsRefused() {
        DownloadException e = assertThrows(DownloadException.class, () -> downloader(HttpTrust.socketFactory(caPem))
            .download(uri("localhost", "/to-http"), PackageDownloader.Credentials.NONE, dir.resolve("p.part"), dir.resolve("p.pkg"),
                4096, () -> false, (d, t) -> { }));
        assertTrue(e.getMessage().contains("refused a redirect from https to http"), e.getMessage());
    }
}
