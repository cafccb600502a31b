package io.outpost.hq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * {@code alerts} and {@code ack} against an HTTP server answering what HQ's alerts endpoints answer (the same
 * commands run against the real HQ in itests-hq's AlertsApiIT): the requests they make, the table, the exit status.
 */
class AlertsAndAckTest {

    HttpServer hq;
    final List<String> requests = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    volatile String answer = "{}";

    @BeforeEach
    void start() throws IOException {
        hq = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hq.createContext("/", this::answer);
        hq.start();
    }

    @AfterEach
    void stop() {
        hq.stop(0);
    }

    private void answer(HttpExchange x) throws IOException {
        x.getRequestBody().readAllBytes();
        requests.add(x.getRequestMethod() + " " + x.getRequestURI() + " " + x.getRequestHeaders().getFirst("Authorization"));
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        x.getResponseBody().write(body);
        x.close();
    }

    private String[] cli(int expected, String... args) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int s = HqCli.run(List.of(args), Map.of("OUTPOST_HQ_URL", "http://127.0.0.1:" + hq.getAddress().getPort(), "OUTPOST_HQ_TOKEN", "hq_t0ken"),
                null, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String[] both = {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        assertEquals(expected, s, both[0] + both[1]);
        return both;
    }

    @Test
    void alertsPrintsATableOfTheFiringAlerts() throws Exception {
        String fired = Instant.now().minusSeconds(300).toString();
        answer = "{\"alerts\":[{\"id\":12,\"rule\":\"level-alarm\",\"subject\":\"acme/gw-1/sim1/level\",\"state\":\"firing\",\"acked\":true,"
                + "\"ackedAt\":\"" + fired + "\",\"ackedBy\":\"ops\",\"firedAt\":\"" + fired + "\",\"resolvedAt\":null,\"escalatedAt\":null,"
                + "\"detail\":\"high 90.0: 93.5\"},{\"id\":11,\"rule\":\"gateway-offline\",\"subject\":\"acme/gw-2\",\"state\":\"firing\","
                + "\"acked\":false,\"ackedAt\":null,\"ackedBy\":null,\"firedAt\":\"" + fired + "\",\"resolvedAt\":null,\"escalatedAt\":null,\"detail\":\"lwt\"}]}";
        String out = cli(0, "alerts")[0];
        assertEquals(List.of("GET /api/v1/alerts Bearer hq_t0ken"), requests);
        String[] lines = out.split("\n");
        assertTrue(lines[0].matches("ID\\s+STATE\\s+ACK\\s+RULE\\s+SUBJECT\\s+FIRED\\s+DETAIL"), out);
        assertTrue(lines[1].matches("12\\s+firing\\s+by ops\\s+level-alarm\\s+acme/gw-1/sim1/level\\s+5m ago\\s+high 90.0: 93.5"), out);
        assertTrue(lines[2].matches("11\\s+firing\\s+-\\s+gateway-offline\\s+acme/gw-2\\s+5m ago\\s+lwt"), out);
        assertEquals("2 alert(s), newest first", lines[3]);
    }

    @Test
    void alertsPassesItsFiltersAndSaysWhenNothingMatches() throws Exception {
        answer = "{\"alerts\":[]}";
        assertEquals("no alert matches\n", cli(0, "alerts", "--state", "resolved", "--limit", "5")[0]);
        assertEquals("GET /api/v1/alerts?state=resolved&limit=5 Bearer hq_t0ken", requests.get(0));
        assertEquals("no alert is firing\n", cli(0, "alerts")[0]);
        assertTrue(cli(1, "alerts", "--since", "1h")[1].contains("alerts has no option --since"));
        status = 400;
        answer = "{\"error\":\"bad_parameter\",\"parameter\":\"state\",\"message\":\"'state' 'open' must be firing (the default), resolved or all\"}";
        assertTrue(cli(1, "alerts", "--state", "open")[1].contains("HQ answered 400: 'state' 'open' must be"));
    }

    @Test
    void ackPostsAndReportsWhoAndConflicts() throws Exception {
        answer = "{\"result\":\"acknowledged\",\"alert\":{\"id\":12,\"rule\":\"level-alarm\",\"subject\":\"acme/gw-1/sim1/level\",\"acked\":true,\"ackedBy\":\"ops\"}}";
        assertEquals("alert 12 acknowledged by ops (level-alarm, acme/gw-1/sim1/level)\n", cli(0, "ack", "12")[0]);
        assertEquals("POST /api/v1/alerts/12/ack Bearer hq_t0ken", requests.get(0));
        status = 409;
        answer = "{\"error\":\"already_acknowledged\",\"message\":\"alert 12 was acknowledged before by ops at 2026-06-01T10:00:00Z\"}";
        assertTrue(cli(1, "ack", "12")[1].contains("ack 12: HQ answered 409: alert 12 was acknowledged before by ops"));
        status = 404;
        answer = "{\"error\":\"not_found\",\"message\":\"no alert 99\"}";
        assertTrue(cli(1, "ack", "99")[1].contains("HQ answered 404: no alert 99"));
        answer = "";
        assertTrue(cli(1, "ack", "99")[1].contains("the alerts feature is not installed"), "a 404 that is not HQ's JSON: no endpoint");
        int before = requests.size();
        assertTrue(cli(1, "ack", "../fleet")[1].contains("'../fleet' is not an alert id"));
        assertEquals(before, requests.size(), "nothing sent");
    }
}
