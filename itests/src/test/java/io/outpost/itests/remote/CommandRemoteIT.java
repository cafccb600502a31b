package io.outpost.itests.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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

import io.outpost.itests.remote.RemoteRequester.Reply;
import io.outpost.itests.remote.RemoteRequester.Sent;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Mosquitto;

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

    private RemoteGateway gw;
    private Configurations configurations;
    private RemoteRequester hq;
    private MqttClient publisher;
    private int sequence;

    @BeforeEach
    void gateway() throws Exception {
        gw = new RemoteGateway(admin, GATEWAY, "cmd-remote-", Map.of()).link(context, Map.of("requestQueue", 256));
        configurations = gw.configurations;
        hq = gw.hq();
        publisher = new MqttClient(gw.broker.url(), "cmd-publisher-" + System.nanoTime(), new MemoryPersistence());
        publisher.connect();
        gw.awaitAnswer("INVENTORY-V1", "GET", "systemPackages");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (publisher != null) {
            publisher.disconnect();
            publisher.close();
        }
        gw.close();
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
