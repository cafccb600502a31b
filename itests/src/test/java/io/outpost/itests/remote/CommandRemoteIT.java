package io.outpost.itests.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.outpost.api.link.LinkState;
import io.outpost.itests.remote.RemoteRequester.Reply;
import io.outpost.itests.remote.RemoteRequester.Sent;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Mosquitto;
import io.outpost.itests.support.WiredLink;

/**
 * CMD-V1 through the real request path with a real Mosquitto: off by default (404), on with allow-lists, a
 * password and a timeout, running real executables and a real Gogo command.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class CommandRemoteIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACCOUNT = "acct";
    private static final String GATEWAY = "gw-cmd";
    private static final String PASSWORD = "correct-horse-battery";

    @InjectService
    ConfigurationAdmin admin;

    @InjectBundleContext
    BundleContext context;

    private Configurations configurations;
    private Mosquitto broker;
    private RemoteRequester hq;
    private MqttClient publisher;
    private int sequence;

    @BeforeEach
    void gateway() throws Exception {
        configurations = new Configurations(admin);
        broker = Mosquitto.start();
        Path work = Files.createTempDirectory("cmd-remote-");
        configurations.single("io.outpost.profile.kura", Map.of("encoding", "json", "birthDebounceMillis", 100L));
        configurations.single("io.outpost.outbox", Map.of("directory", work.resolve("outbox").toString(), "fsyncIntervalMillis", "20"));
        configurations.single("io.outpost.request.dispatcher", Map.of("hqClientId", "hq", "auditFile", work.resolve("audit/requests.log").toString()));
        configurations.single("io.outpost.link.mqtt", Map.of("brokerUrl", broker.url(), "account", ACCOUNT, "clientId", GATEWAY,
            "reconnectMinMillis", 200L, "reconnectMaxMillis", 1000L, "requestQueue", 256));
        new WiredLink(context).await(LinkState.UP, WAIT, "the link to the test broker to come up");
        hq = new RemoteRequester(broker.url(), ACCOUNT, GATEWAY, "hq");
        publisher = new MqttClient(broker.url(), "cmd-publisher-" + System.nanoTime(), new MemoryPersistence());
        publisher.connect();
        Await.until(WAIT, "the gateway to answer requests", () -> {
            try {
                return hq.call("INVENTORY-V1", "GET", "systemPackages", null, Duration.ofSeconds(2)).code() == 200;
            } catch (AssertionError | Exception e) {
                return false;
            }
        });
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (publisher != null) {
            publisher.disconnect();
            publisher.close();
        }
        if (hq != null) {
            hq.close();
        }
        configurations.close();
        broker.close();
    }

    private void switchOn() throws Exception {
        configurations.single("io.outpost.request.command", Map.of("enabled", true, "password", PASSWORD,
            "gogoCommands", new String[] {"outpost:conf"}, "osCommands", new String[] {"/bin/echo", "/bin/sleep"}, "timeoutSeconds", 2));
        Await.until(WAIT, "CMD-V1 to answer", () -> {
            try {
                return command(Map.of("command.command", "echo", "command.password", PASSWORD), Duration.ofSeconds(3)).code() == 200;
            } catch (AssertionError | Exception e) {
                return false;
            }
        });
    }

    /** Publishes EXEC command with the given metrics (strings, or numbers and booleans as JSON) and waits for its reply. */
    private Reply command(Map<String, Object> metrics, Duration timeout) throws Exception {
        String id = "cmd-" + System.nanoTime() + "-" + (++sequence);
        Map<String, Object> all = new LinkedHashMap<>(Map.of("request.id", id, "requester.client.id", "hq"));
        all.putAll(metrics);
        String json = "{\"metrics\":{" + all.entrySet().stream().map(e -> "\"" + e.getKey() + "\":"
            + (e.getValue() instanceof String s ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : e.getValue()))
            .collect(Collectors.joining(",")) + "}}";
        publisher.publish("$EDC/" + ACCOUNT + "/" + GATEWAY + "/CMD-V1/EXEC/command", json.getBytes(StandardCharsets.UTF_8), 1, false);
        Sent sent = new Sent("$EDC/" + ACCOUNT + "/hq/CMD-V1/REPLY/" + id, System.nanoTime());
        return hq.reply(sent, timeout, "CMD-V1 " + metrics.get("command.command"));
    }

    private String metricsOf(Reply reply) {
        return hq.repliesOn(reply.topic()).get(0).text();
    }

    @Test
    void offByDefaultTheAppIdDoesNotExist() throws Exception {
        Reply r = command(Map.of("command.command", "echo", "command.argument0", "hi"), WAIT);
        assertEquals(404, r.code(), r.toString());
    }

    @Test
    void switchedOnAnAllowListedExecutableAndAGogoCommandRunAndOthersAreRefused() throws Exception {
        switchOn();
        Reply echo = command(Map.of("command.command", "echo", "command.argument0", "hello; id", "command.password", PASSWORD), WAIT);
        assertEquals(200, echo.code(), echo.toString());
        String text = metricsOf(echo);
        assertTrue(text.contains("\"command.stdout\":\"hello; id\\n\""), text);
        assertTrue(text.contains("\"command.exit.code\":0"), text);

        Reply gogo = command(Map.of("command.command", "outpost:conf", "command.argument0", "list", "command.password", PASSWORD), WAIT);
        assertEquals(200, gogo.code(), gogo.toString());
        String gogoText = metricsOf(gogo);
        assertTrue(gogoText.contains("io.outpost.link.mqtt"), gogoText);

        assertEquals(403, command(Map.of("command.command", "/bin/sh", "command.argument0", "-c", "command.argument1", "id",
            "command.password", PASSWORD), WAIT).code());
        assertEquals(403, command(Map.of("command.command", "outpost:requests", "command.password", PASSWORD), WAIT).code());
        assertEquals(403, command(Map.of("command.command", "echo", "command.password", "guess"), WAIT).code());
        assertEquals(400, command(Map.of("command.command", "echo", "command.password", PASSWORD, "command.working.directory", "/"), WAIT).code());
    }

    @Test
    void aCommandThatRunsTooLongIsKilledAndReportedAsTimedOut() throws Exception {
        switchOn();
        long start = System.nanoTime();
        Reply r = command(Map.of("command.command", "sleep", "command.argument0", "60", "command.password", PASSWORD), WAIT);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(200, r.code(), r.toString());
        String text = metricsOf(r);
        assertTrue(text.contains("\"command.timedout\":true"), text);
        assertTrue(seconds < 20, "the 2 s timeout ended a 60 s sleep after " + seconds + " s");
    }
}
