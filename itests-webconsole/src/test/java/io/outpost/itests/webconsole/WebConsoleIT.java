package io.outpost.itests.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.outpost.ota.signing.SigningKeys;

/**
 * The web console end to end: the assembled gateway as a process, its wired link on a real Mosquitto, the console
 * driven in headless Chromium (Debian chromium + chromium-driver). The methods run in order on one gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConsoleIT {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String RULE_PID = "io.outpost.filter.rule~temperature";
    static final String[] PAGES = {"outpost-dashboard", "outpost-filter", "outpost-links", "outpost-updates", "outpost-requests",
        "bundles", "components", "configMgr"};

    static Mosquitto mosquitto;
    static RunningGateway gateway;
    static WebDriver browser;
    static Path screenshots;
    static MqttClient subscriber;
    static KeyPair trusted;
    static Path work;
    static final List<Long> temperatureMessages = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        for (String binary : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new AssertionError(binary + " is missing: apt-get install --no-install-recommends chromium chromium-driver");
            }
        }
        Path home = Path.of(System.getProperty("outpost.gateway.dir", "target/outpost-gateway"));
        screenshots = Path.of(System.getProperty("outpost.screenshots", "target/screenshots"));
        Files.createDirectories(screenshots);
        mosquitto = Mosquitto.start(home.resolveSibling("mosquitto"));
        subscriber = new MqttClient("tcp://127.0.0.1:" + mosquitto.port, "webconsole-it", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        subscriber.connect(options);
        subscriber.subscribe("#", 1, (topic, message) -> {
            if (new String(message.getPayload(), StandardCharsets.ISO_8859_1).contains("temperature")) {
                temperatureMessages.add(System.currentTimeMillis());
            }
        });
        trusted = SigningKeys.generate();
        work = Files.createDirectories(home.resolveSibling("upload-work"));
        gateway = RunningGateway.start(home, mosquitto.port, RunningGateway.freePort(), RunningGateway.freePort(),
            SigningKeys.publicKeyText(trusted.getPublic()));

        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary(CHROMIUM);
        Path profile = Files.createTempDirectory(home.getParent(), "chromium-profile");
        chrome.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,900",
            "--user-data-dir=" + profile);
        chrome.setAcceptInsecureCerts(true); // the gateway's self-signed certificate, generated at its first start
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort().build();
        browser = new ChromeDriver(service, chrome);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (subscriber != null && subscriber.isConnected()) {
            subscriber.disconnect();
        }
        if (gateway != null) {
            Files.copy(gateway.home.resolve("gateway.log"), screenshots.resolveSibling("webconsole-gateway.log"), StandardCopyOption.REPLACE_EXISTING);
            gateway.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @Test
    @Order(1)
    void theGeneratedPasswordIsInAnOwnerOnlyFileAndLoggedWhere() throws Exception {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(gateway.passwordFile());
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), perms);
        assertEquals(20, gateway.generatedPassword().length());
        assertTrue(gateway.log().contains(gateway.passwordFile().toString()), "the log names the password file");
    }

    @Test
    @Order(2)
    void everyPageAndStreamIsRefusedWithoutASession() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(trustAll()).followRedirects(HttpClient.Redirect.NEVER).build();
        List<String> paths = new ArrayList<>();
        for (String page : PAGES) {
            paths.add("/system/console/" + page);
        }
        paths.add("/system/console/outpost-dashboard/events");
        paths.add("/system/console/outpost-dashboard/history");
        paths.add("/system/console/outpost-updates/job");
        paths.add("/system/console/configMgr/" + RULE_PID);
        paths.add("/system/console/res/lib/jquery-3.7.1.js");
        for (String path : paths) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway.base() + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode(), path + " without a session");
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), path);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertFalse(r.body().contains("sim1"), path + " leaks data");
        }
        // a state-changing request from another origin is refused before it reaches the console
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(gateway.base() + "/system/console/configMgr/" + RULE_PID))
            .header("Origin", "https://evil.example").header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("apply=true&propertylist=high&high=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, post.statusCode());
        // so is an upload from another origin, before the login is even asked for
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(gateway.base() + "/system/console/outpost-updates"))
            .header("Origin", "https://evil.example").header("Content-Type", "multipart/form-data; boundary=x")
            .POST(HttpRequest.BodyPublishers.ofString("--x--\r\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, upload.statusCode());
        // plain HTTP is not served at all
        assertFalse(RunningGateway.accepts(8080) && http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/system/console")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    @Test
    @Order(3)
    void aWrongPasswordIsRefusedAndTheThrottleKicksIn() throws Exception {
        for (int i = 1; i <= 3; i++) {
            logIn("admin", "wrong-password-" + i);
            assertEquals("Wrong user or password.", message(), "attempt " + i);
        }
        logIn("admin", gateway.generatedPassword()); // the right password, but this address is locked out now
        assertTrue(message().startsWith("Too many failed logins from 127.0.0.1"), message());
        shot("login-throttled");
        assertTrue(browser.findElements(By.id("outpost-channels")).isEmpty());
    }

    @Test
    @Order(4)
    void theGeneratedPasswordLogsIn() throws Exception {
        RunningGateway.sleep(9000); // the 8 s lock-out of the test's configuration
        logIn("admin", gateway.generatedPassword());
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("outpost-channels")));
        assertTrue(browser.getCurrentUrl().endsWith("/system/console/outpost-dashboard"), browser.getCurrentUrl());
    }

    @Test
    @Order(5)
    void theDashboardShowsASimChannelChangingLive() {
        browser.get(gateway.base() + "/system/console/outpost-dashboard");
        WebElement cell = browser.findElement(By.cssSelector("tr[data-key='sim1/temperature'] [data-field=value]"));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> !cell.getText().isEmpty());
        String first = cell.getText();
        wait.until(d -> !cell.getText().equals(first)); // no reload: the stream updates the cell
        assertTrue(browser.findElement(By.id("outpost-stream-state")).getText().startsWith("live"));
        wait.until(d -> !browser.findElement(By.cssSelector("tr[data-key='sim1/temperature'] svg polyline")).getAttribute("points").isEmpty());
        RunningGateway.sleep(3000);
        shot("dashboard");
    }

    @Test
    @Order(6)
    void everyPageRendersWithin300ms() {
        List<String> figures = new ArrayList<>();
        for (String page : PAGES) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                browser.get(gateway.base() + "/system/console/" + page);
                new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                    "var n = performance.getEntriesByType('navigation')[0]; return n ? n.loadEventEnd : 0;")).longValue() > 0);
                long ms = ((Number) ((JavascriptExecutor) browser).executeScript(
                    "var n = performance.getEntriesByType('navigation')[0]; return Math.round(n.loadEventEnd - n.startTime);")).longValue();
                best = Math.min(best, ms);
            }
            figures.add(page + "=" + best + "ms");
            assertTrue(best <= 300, page + " took " + best + " ms to load");
        }
        System.out.println("PAGE RENDER (navigation start to load end, best of 3): " + String.join(" ", figures));
        browser.get(gateway.base() + "/system/console/outpost-updates");
        // the default gateway has the OTA feature: the page names its service instead of "not installed"
        assertTrue(browser.findElements(By.className("outpost-not-installed")).stream().noneMatch(e -> e.getText().contains("OTA update service")));
        assertTrue(browser.findElement(By.id("outpost-ota-services")).getText().contains("io.outpost.api.ota.OtaService"),
            browser.findElement(By.id("outpost-ota-services")).getText());
        assertFalse(browser.findElements(By.id("outpost-installed")).isEmpty());
        shot("updates");
        browser.get(gateway.base() + "/system/console/outpost-filter");
        assertFalse(browser.findElements(By.id("outpost-filter-savings")).isEmpty());
        shot("filter");
    }

    @Test
    @Order(7)
    void aThresholdRuleEditedInTheFormChangesWhatGoesUpstream() {
        waitUntil(() -> !temperatureMessages.isEmpty(), 60, "a message with the temperature metric upstream");
        openRuleForm();
        setField("low", "-1000");
        setField("high", "1000");
        setField("deadband", "1000");
        setField("heartbeatSeconds", "0");
        save();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains(RULE_PID));
        long saved = System.currentTimeMillis();
        RunningGateway.sleep(25_000);
        long late = temperatureMessages.stream().filter(t -> t > saved + 5000).count();
        assertEquals(0, late, "temperature messages upstream after the rule was widened to +-1000 with a 1000 deadband");
        // and the filter page shows the rule in force
        openRuleForm();
        assertEquals("1000", field("high").getAttribute("value"));
    }

    @Test
    @Order(8)
    void aBadValueInTheFormShowsTheValidationMessageAndChangesNothing() throws Exception {
        openRuleForm();
        setField("high", "abc");
        save();
        WebElement alert = new WebDriverWait(browser, Duration.ofSeconds(20)).until(
            ExpectedConditions.visibilityOfElementLocated(By.xpath("//div[contains(@class,'ui-dialog')][.//*[contains(.,'The request failed')]]")));
        String text = alert.getText();
        assertTrue(text.contains("filter rule '" + RULE_PID + "' refused: field 'high': 'abc' is not a number"), text);
        shot("validation-refused");
        openRuleForm();
        assertEquals("1000", field("high").getAttribute("value"), "the refused value was not saved");
        assertTrue(gateway.logContainsNot("'abc'"), "the component never saw the refused value");
    }

    @Test
    @Order(9)
    void theLinksPageShowsEachLinksBytesAndCostThisMonthAgainstItsBudget() {
        browser.get(gateway.base() + "/system/console/outpost-links");
        assertTrue(browser.findElements(By.className("outpost-not-installed")).stream().noneMatch(e -> e.getText().contains("Router usage")),
            "the default gateway has the router");
        List<WebElement> rows = browser.findElements(By.cssSelector("#outpost-link-usage tbody tr"));
        assertFalse(rows.isEmpty(), "one row per link");
        // the wired link has carried the sim device's messages since the start: the router counted them
        long bytes = Long.parseLong(rows.get(0).findElement(By.cssSelector("[data-field=bytes]")).getText());
        long messages = Long.parseLong(rows.get(0).findElement(By.cssSelector("[data-field=messages]")).getText());
        assertTrue(bytes > 0 && messages > 0, rows.get(0).getText());
        assertEquals("up", rows.get(0).findElement(By.cssSelector("[data-field=state]")).getText().toLowerCase(java.util.Locale.ROOT));
        assertFalse(rows.get(0).findElement(By.cssSelector("[data-field=budget]")).getText().isEmpty());
        assertTrue(browser.findElement(By.id("outpost-link-usage-period")).getText().startsWith("Billing month from "));
        shot("links");
    }

    @Test
    @Order(10)
    void aSignedUploadGoesThroughTheOtaPathAndIsCommitted() throws Exception {
        Path v1 = ProbeBundles.write(work, "1.0.0", 20_000);
        upload(v1, ProbeBundles.sign(v1, trusted));
        waitForFinalJob();
        assertEquals("committed", jobField("state"), jobTable());
        assertEquals("valid", jobField("signature"));
        assertEquals("healthy", jobField("health"));
        assertEquals(ProbeBundles.SYMBOLIC_NAME, jobField("name"));
        assertEquals("1.0.0", jobField("version"));
        assertEquals("upload of probe-1.0.0.jar in the web console", jobField("source"));
        assertTrue(browser.findElement(By.id("outpost-installed")).getText().contains(ProbeBundles.SYMBOLIC_NAME + " 1.0.0 active"),
            "the probe bundle is installed and active");
        assertTrue(browser.findElement(By.id("outpost-ota-packages")).getText().contains(ProbeBundles.SYMBOLIC_NAME));
        shot("upload-committed");
        assertUploadsFolderEmpty();
    }

    @Test
    @Order(11)
    void anUnsignedOrWronglySignedUploadIsRefusedWithTheReasonAndNothingChanges() throws Exception {
        Path v2 = ProbeBundles.write(work, "2.0.0", 20_000);
        upload(v2, null);
        waitForFinalJob();
        assertEquals("failed", jobField("state"), jobTable());
        assertEquals("unsigned", jobField("signature"));
        assertTrue(jobField("message").startsWith("refused, signature unsigned"), jobField("message"));
        shot("upload-refused-unsigned");
        assertProbeStillAt("1.0.0");

        Path sig = ProbeBundles.sign(v2, SigningKeys.generate()); // a key the gateway does not trust
        upload(v2, sig);
        waitForFinalJob();
        assertEquals("failed", jobField("state"), jobTable());
        assertEquals("untrusted", jobField("signature"));
        assertProbeStillAt("1.0.0");

        // the signature of another file: tampered
        Path other = ProbeBundles.write(work, "2.0.1", 20_000);
        Files.copy(ProbeBundles.sign(other, trusted), sig, StandardCopyOption.REPLACE_EXISTING);
        upload(v2, sig);
        waitForFinalJob();
        assertEquals("tampered", jobField("signature"), jobTable());
        assertProbeStillAt("1.0.0");
        assertUploadsFolderEmpty();
    }

    @Test
    @Order(12)
    void thePageFollowsAnUnhealthyPackageThroughItsHealthCheckToTheRollback() throws Exception {
        Path v3 = ProbeBundles.neverHealthy(work, "3.0.0");
        upload(v3, ProbeBundles.sign(v3, trusted));
        // the page shows the running job without a reload, then reloads at its end
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
            .until(d -> !d.findElements(By.cssSelector("#outpost-ota-job[data-final='false']")).isEmpty()
                && jobField("state").equals("checking"));
        shot("upload-checking");
        // while it runs, another upload is refused with the reason above the form
        Path v1 = work.resolve("probe-1.0.0.jar");
        upload(v1, work.resolve("probe-1.0.0.jar.sig"));
        String refused = new WebDriverWait(browser, Duration.ofSeconds(20)).until(
            ExpectedConditions.visibilityOfElementLocated(By.id("outpost-upload-refused"))).getText();
        assertTrue(refused.startsWith("Refused: job ") && refused.endsWith(" is checking"), refused);
        shot("upload-refused-busy");
        waitForFinalJob();
        assertEquals("rolled-back", jobField("state"), jobTable());
        assertEquals("valid", jobField("signature"));
        assertTrue(jobField("health").startsWith("failed: ") && jobField("health").contains("probe.waiting"), jobField("health"));
        shot("upload-rolled-back");
        assertProbeStillAt("1.0.0");
    }

    @Test
    @Order(13)
    void anUploadOverTheMaximumIsRefusedNamingIt() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(trustAll()).followRedirects(HttpClient.Redirect.NEVER).build();
        String cookies = String.join("; ", browser.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue()).toList());
        String boundary = "outpost-it-boundary";
        byte[] big = new byte[(int) RunningGateway.MAX_UPLOAD_BYTES + 64 * 1024]; // over even the allowance for the form's overhead
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"package\"; filename=\"big.jar\"\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        body.write(big);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        // declared too large: refused by its Content-Length alone. The client asked Expect: 100-continue and gets the
        // 413 instead of the 100, so it never sends the body (a raw socket: the JDK 17 HttpClient waits for ever here)
        String head = "POST /system/console/outpost-updates HTTP/1.1\r\nHost: 127.0.0.1:" + gateway.httpsPort + "\r\nCookie: " + cookies
            + "\r\nOrigin: " + gateway.base() + "\r\nAccept: text/plain\r\nContent-Type: multipart/form-data; boundary=" + boundary
            + "\r\nContent-Length: " + body.size() + "\r\nExpect: 100-continue\r\n\r\n";
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", gateway.httpsPort)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
            assertTrue(answer.contains("refused: the upload is " + body.size() + " bytes, more than the maximum of "
                + RunningGateway.MAX_UPLOAD_BYTES + " bytes for a package (maxUploadBytes of io.outpost.webconsole.updates)"), answer);
        }
        // no length given (chunked): refused when the package part crosses the maximum
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway.base() + "/system/console/outpost-updates"))
            .header("Cookie", cookies).header("Origin", gateway.base()).header("Accept", "text/plain")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body.toByteArray()))).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("refused: field 'package': the package is larger than the maximum of " + RunningGateway.MAX_UPLOAD_BYTES
            + " bytes (maxUploadBytes of io.outpost.webconsole.updates)"), r.body());
        // without the session the same request is refused before it is read
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(gateway.base() + "/system/console/outpost-updates"))
            .header("Origin", gateway.base()).header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertProbeStillAt("1.0.0");
        assertUploadsFolderEmpty();
    }

    // --- helpers ---

    private static void upload(Path file, Path signature) {
        browser.get(gateway.base() + "/system/console/outpost-updates");
        browser.findElement(By.id("outpost-upload-package")).sendKeys(file.toAbsolutePath().toString());
        if (signature != null) {
            browser.findElement(By.id("outpost-upload-signature")).sendKeys(signature.toAbsolutePath().toString());
        }
        browser.findElement(By.id("outpost-upload-submit")).click();
    }

    /** Waits until the page shows the last job in a final state (the page follows the job and reloads at its end). */
    private static void waitForFinalJob() {
        new WebDriverWait(browser, Duration.ofSeconds(90)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
            .until(d -> !d.findElements(By.cssSelector("#outpost-ota-job[data-final='true']")).isEmpty());
    }

    private static String jobField(String field) {
        return browser.findElement(By.cssSelector("#outpost-ota-job [data-field='" + field + "']")).getText();
    }

    private static String jobTable() {
        return browser.findElement(By.id("outpost-ota-job")).getText();
    }

    private static void assertProbeStillAt(String version) {
        browser.get(gateway.base() + "/system/console/outpost-updates");
        String installed = browser.findElement(By.id("outpost-installed")).getText();
        assertTrue(installed.contains(ProbeBundles.SYMBOLIC_NAME + " " + version + " active"), installed);
        assertEquals(1, installed.split(java.util.regex.Pattern.quote(ProbeBundles.SYMBOLIC_NAME), -1).length - 1, "one probe bundle");
    }

    private static void assertUploadsFolderEmpty() throws java.io.IOException {
        try (java.util.stream.Stream<Path> left = Files.list(gateway.home.resolve("data/webconsole/uploads"))) {
            assertEquals(List.of(), left.toList(), "the uploads folder keeps nothing");
        }
    }

    private static void logIn(String user, String password) {
        browser.get(gateway.base() + "/system/console/outpost-dashboard");
        WebElement u = new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("j_username")));
        u.clear();
        u.sendKeys(user);
        browser.findElement(By.id("j_password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> ((JavascriptExecutor) d).executeScript("return document.readyState").equals("complete"));
    }

    private static String message() {
        List<WebElement> m = browser.findElements(By.id("login-message"));
        return m.isEmpty() ? "" : m.get(0).getText();
    }

    private static void openRuleForm() {
        browser.get(gateway.base() + "/system/console/configMgr/" + RULE_PID);
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#editor form [name=high]")));
    }

    private static WebElement field(String name) {
        return browser.findElement(By.cssSelector("#editor form [name='" + name + "']"));
    }

    private static void setField(String name, String value) {
        WebElement f = field(name);
        f.clear();
        f.sendKeys(value);
    }

    private static void save() {
        browser.findElement(By.xpath("//div[contains(@class,'ui-dialog-buttonpane')]//button[normalize-space()='Save']")).click();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, int seconds, String what) {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("not seen within " + seconds + " s: " + what);
            }
            RunningGateway.sleep(200);
        }
    }

    private static void shot(String name) {
        try {
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), screenshots.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new AssertionError("screenshot " + name, e);
        }
    }

    private static SSLContext trustAll() throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return ssl;
    }
}
