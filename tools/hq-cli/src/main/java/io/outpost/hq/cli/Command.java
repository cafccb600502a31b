package io.outpost.hq.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The commands: one API call each, its answer printed as columns (or as JSON with --json). */
final class Command {

    private final ApiClient api;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;

    Command(ApiClient api, PrintStream out, PrintStream err, boolean json) {
        this.api = api;
        this.out = out;
        this.err = err;
        this.json = json;
    }

    int fleet() throws ApiClient.Unreachable, InterruptedException {
        ApiClient.Reply r = api.get("api/v1/fleet");
        if (failed(r, "fleet")) {
            return 1;
        }
        if (json) {
            return printJson(r);
        }
        JsonNode gateways = r.body().path("gateways");
        if (gateways.isEmpty()) {
            out.println("no gateway has been heard of yet");
            return 0;
        }
        Instant now = Instant.now();
        Columns c = new Columns("GATEWAY", "STATE", "LAST SEEN", "LAST EVENT", "MODEL", "APPS");
        for (JsonNode g : gateways) {
            c.row(g.path("id").asText(), g.path("state").asText(), HqCli.ago(g.get("lastSeen"), now), text(g.get("lastEvent")),
                    text(g.get("model")), g.path("applicationIds").size());
        }
        out.print(c);
        return 0;
    }

    int gateway(String id) throws ApiClient.Unreachable, InterruptedException {
        ApiClient.Reply r = api.get(gatewayPath(id, ""));
        if (failed(r, "gateway " + id)) {
            return 1;
        }
        if (json) {
            return printJson(r);
        }
        JsonNode g = r.body();
        Instant now = Instant.now();
        out.println("gateway     " + g.path("id").asText());
        out.println("state       " + g.path("state").asText() + " (last seen " + HqCli.ago(g.get("lastSeen"), now) + ")");
        out.println("profile     " + g.path("profile").asText());
        out.println("last event  " + text(g.get("lastEvent")));
        out.println("last birth  " + text(g.get("lastBirth")));
        List<String> apps = new ArrayList<>();
        g.path("applicationIds").forEach(a -> apps.add(a.asText()));
        out.println("apps        " + (apps.isEmpty() ? "-" : String.join(", ", apps)));
        out.println("birth metrics:");
        for (Iterator<Map.Entry<String, JsonNode>> it = g.path("birthMetrics").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> m = it.next();
            out.println("  " + m.getKey() + " = " + m.getValue().asText());
        }
        Columns c = new Columns("DEVICE", "CHANNEL", "LAST VALUE", "AT");
        for (JsonNode ch : g.path("channels")) {
            JsonNode last = ch.get("last");
            c.row(ch.path("device").asText(), ch.path("channel").asText(), value(last),
                    last == null || last.isNull() ? "-" : HqCli.ago(last.get("time"), now));
        }
        out.print(c);
        ApiClient.Reply alarms = api.get(gatewayPath(id, "/alarms"));
        if (!failed(alarms, "alarms of " + id)) {
            JsonNode list = alarms.body().path("alarms");
            out.println("alarms of the last 24 h: " + (list.isEmpty() ? "none" : list.size()));
            Columns a = new Columns("TIME", "DEVICE", "CHANNEL", "STATE", "LIMIT", "THRESHOLD", "VALUE");
            for (JsonNode al : list) {
                a.row(al.path("time").asText(), al.path("device").asText(), al.path("channel").asText(), al.path("state").asText(),
                        text(al.get("limit")), text(al.get("threshold")), text(al.get("value")));
            }
            if (!list.isEmpty()) {
                out.print(a);
            }
        }
        return 0;
    }

    int telemetry(String gateway, String query) throws ApiClient.Unreachable, InterruptedException {
        ApiClient.Reply r = api.get(gatewayPath(gateway, "/telemetry") + (gatewayPath(gateway, "").contains("?") ? "&" : "?") + query);
        if (failed(r, "telemetry of " + gateway)) {
            return 1;
        }
        if (json) {
            return printJson(r);
        }
        JsonNode t = r.body();
        out.println(t.path("gateway").asText() + " " + t.path("device").asText() + "/" + t.path("channel").asText()
                + " from " + t.path("since").asText() + " to " + t.path("until").asText());
        if (t.has("buckets")) {
            Columns c = new Columns("BUCKET START", "COUNT", "MIN", "AVG", "MAX");
            for (JsonNode b : t.path("buckets")) {
                c.row(b.path("start").asText(), b.path("count").asLong(), b.path("min").asText(), b.path("avg").asText(), b.path("max").asText());
            }
            out.print(c);
            out.println(t.path("buckets").size() + " non-empty bucket(s) of " + t.path("bucketMillis").asLong() / 1000.0 + " s");
        } else {
            Columns c = new Columns("TIME", "VALUE");
            for (JsonNode s : t.path("samples")) {
                c.row(s.path("time").asText(), value(s));
            }
            out.print(c);
            out.println(t.path("samples").size() + " of " + t.path("count").asLong() + " sample(s) in the range"
                    + (t.path("count").asLong() > t.path("samples").size() ? " (the newest shown; --limit or --buckets for more)" : ""));
        }
        return 0;
    }

    /** {@code GET /api/v1/alerts?<query>} as a table: id, state, acknowledged by, rule, subject, fired, detail. */
    int alerts(String query) throws ApiClient.Unreachable, InterruptedException {
        ApiClient.Reply r = api.get("api/v1/alerts" + (query.isEmpty() ? "" : "?" + query));
        if (r.status() == 404 && (r.body() == null || !r.body().has("error"))) {
            err.println("outpost-hq-cli: this HQ has no alerts endpoint (GET /api/v1/alerts answered 404): the alerts feature is not installed");
            return 1;
        }
        if (failed(r, "alerts")) {
            return 1;
        }
        if (json) {
            return printJson(r);
        }
        JsonNode list = r.body().path("alerts");
        if (list.isEmpty()) {
            out.println(query.isEmpty() ? "no alert is firing" : "no alert matches");
            return 0;
        }
        Instant now = Instant.now();
        Columns c = new Columns("ID", "STATE", "ACK", "RULE", "SUBJECT", "FIRED", "DETAIL");
        for (JsonNode a : list) {
            c.row(a.path("id").asLong(), a.path("state").asText(), a.path("acked").asBoolean() ? "by " + text(a.get("ackedBy")) : "-",
                    a.path("rule").asText(), a.path("subject").asText(), HqCli.ago(a.get("firedAt"), now), clip(text(a.get("detail")), 60));
        }
        out.print(c);
        out.println(list.size() + " alert(s)" + (list.size() == 1 ? "" : ", newest first"));
        return 0;
    }

    /** {@code POST /api/v1/alerts/{id}/ack}: acknowledged as this token's name. */
    int ack(String id) throws ApiClient.Unreachable, InterruptedException {
        if (!id.matches("[1-9][0-9]{0,18}")) {
            err.println("outpost-hq-cli: ack: '" + id + "' is not an alert id (the ID column of outpost-hq-cli alerts)");
            return 1;
        }
        ApiClient.Reply r = api.post("api/v1/alerts/" + id + "/ack");
        if (r.status() == 404 && (r.body() == null || !r.body().has("error"))) {
            err.println("outpost-hq-cli: this HQ has no alerts endpoint (POST /api/v1/alerts/" + id + "/ack answered 404): the alerts feature is not installed");
            return 1;
        }
        if (failed(r, "ack " + id)) {
            return 1;
        }
        if (json) {
            return printJson(r);
        }
        JsonNode a = r.body().path("alert");
        out.println("alert " + id + " acknowledged" + (a.has("ackedBy") ? " by " + a.get("ackedBy").asText() : "")
                + (a.has("rule") ? " (" + a.path("rule").asText() + ", " + a.path("subject").asText() + ")" : ""));
        return 0;
    }

    private static String clip(String s, int max) {
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 3) + "...";
    }

    /** {@code <client-id>} or {@code <account>/<client-id>}. */
    private static String gatewayPath(String id, String suffix) {
        int slash = id.indexOf('/');
        if (slash > 0) {
            return "api/v1/gateways/" + HqCli.enc(id.substring(slash + 1)) + suffix + "?account=" + HqCli.enc(id.substring(0, slash));
        }
        return "api/v1/gateways/" + HqCli.enc(id) + suffix;
    }

    private boolean failed(ApiClient.Reply r, String what) {
        if (r.status() / 100 == 2 && r.body() != null) {
            return false;
        }
        String hint = r.status() == 401 ? " (check the token: OUTPOST_HQ_TOKEN or --token-file)" : "";
        err.println("outpost-hq-cli: " + what + ": HQ answered " + r.status() + ": " + r.message() + hint);
        return true;
    }

    private int printJson(ApiClient.Reply r) {
        out.println(r.body().toPrettyString());
        return 0;
    }

    private static String value(JsonNode sample) {
        if (sample == null || sample.isNull()) {
            return "-";
        }
        return sample.has("value") ? sample.get("value").asText() : sample.path("text").asText();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? "-" : n.asText();
    }
}
