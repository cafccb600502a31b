package io.outpost.itests.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import io.outpost.itests.support.Mosquitto;

/**
 * Outpost's own app ids in the real framework, over a real Mosquitto: one request and reply driven entirely by the
 * shell tools mosquitto_pub and mosquitto_sub (Debian package mosquitto-clients), the others with Paho.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class OutpostAppsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACCOUNT = "acct";
    private static final String GATEWAY = "gw-apps";

    @InjectService
    ConfigurationAdmin admin;

    @InjectBundleContext
    BundleContext context;

    private RemoteGateway gw;
    private Mosquitto broker;
    private RemoteRequester hq;

    @BeforeEach
    void gateway() throws Exception {
        gw = new RemoteGateway(admin, GATEWAY, "outpost-apps-", Map.of()).link(context, Map.of());
        broker = gw.broker;
        hq = gw.hq();
        gw.awaitAnswer("OUTPOST-OUTBOX-V1", "GET", "statistics");
    }

    @AfterEach
    void cleanUp() throws Exception {
        gw.close();
    }

    private static Process start(String... command) throws IOException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is missing (apt-get install -y mosquitto-clients)", e);
        }
    }

    @Test
    void mosquittoPubAsksForTheSystemAndMosquittoSubGetsOneReplyWithUptimeAndMemory() throws Exception {
        String port = Integer.toString(broker.port());
        Process sub = start("mosquitto_sub", "-h", "127.0.0.1", "-p", port, "-q", "1", "-v", "-C", "1", "-W", "30",
            "-t", "$EDC/" + ACCOUNT + "/hq/OUTPOST-SYSTEM-V1/REPLY/#");
        Thread.sleep(500);  // the subscription before the request
        Process pub = start("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-q", "1",
            "-t", "$EDC/" + ACCOUNT + "/" + GATEWAY + "/OUTPOST-SYSTEM-V1/GET/system",
            "-m", "{\"metrics\":{\"request.id\":\"sh-1\",\"requester.client.id\":\"hq\"}}");
        assertTrue(pub.waitFor(10, TimeUnit.SECONDS), "mosquitto_pub did not finish");
        assertEquals(0, pub.exitValue(), new String(pub.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(sub.waitFor(40, TimeUnit.SECONDS), "mosquitto_sub got no reply");
        String line = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(line.startsWith("$EDC/" + ACCOUNT + "/hq/OUTPOST-SYSTEM-V1/REPLY/sh-1 {"), line);
        assertTrue(line.contains("\"response.code\":200"), line);
        Matcher body = Pattern.compile("\"body\":\"([A-Za-z0-9+/=]+)\"").matcher(line);
        assertTrue(body.find(), line);
        String json = new String(Base64.getDecoder().decode(body.group(1)), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"uptimeMillis\":") && json.contains("\"heap\":{\"usedBytes\":") && json.contains("\"disk\":{\"path\":"), json);
    }

    @Test
    void outboxLinksAndFilterAnswerWithTheirOwnViewsAndUnknownResourcesAre404() throws Exception {
        Reply outbox = hq.call("OUTPOST-OUTBOX-V1", "GET", "statistics", null, WAIT);
        assertEquals(200, outbox.code(), outbox.toString());
        assertTrue(outbox.body().contains("\"links\":[{\"link\":\"wired\",\"state\":\"UP\""), outbox.body());
        Reply links = hq.call("OUTPOST-LINKS-V1", "GET", "links/wired", null, WAIT);
        assertEquals(200, links.code(), links.toString());
        assertTrue(links.body().startsWith("{\"name\":\"wired\",\"state\":\"UP\""), links.body());
        Reply rules = hq.call("OUTPOST-FILTER-V1", "GET", "rules", null, WAIT);
        assertEquals(200, rules.code(), rules.toString());
        assertTrue(rules.body().startsWith("{\"rules\":["), rules.body());
        assertEquals(404, hq.call("OUTPOST-LINKS-V1", "GET", "links/nowhere", null, WAIT).code());
        assertEquals(404, hq.call("OUTPOST-SYSTEM-V1", "EXEC", "reboot", null, WAIT).code());
        assertEquals(400, hq.call("OUTPOST-SYSTEM-V1", "EXEC", "restart", "{\"delaySeconds\":0}", WAIT).code());
    }
}
