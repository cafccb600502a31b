package io.outpost.hq.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code outpost-hq-cli [--url URL] [--token-file FILE] [--json] <command>}: fleet, gateway, telemetry, alerts, ack.
 * Exit status 0 when HQ answered the request, 1 for a usage error or an error answer, 2 when HQ is unreachable.
 */
public final class HqCli {

    static final String USAGE = """
            usage: outpost-hq-cli [--url URL] [--token-file FILE] [--json] <command>
              fleet                                         every gateway: state, last seen, model
              gateway <id>                                  one gateway: state, birth metrics, channels with their last value
              telemetry <gw> <device> <channel> [--since 1h] [--until now] [--buckets N] [--limit N]
                                                            samples of a channel, or min/avg/max in N buckets
              alerts [--state firing|resolved|all] [--acked true|false] [--limit N]
                                                            alerts, newest first (default: the firing ones)
              ack <id>                                      acknowledge a firing alert (as the token's name)
            <id>/<gw> is a gateway's client id, or <account>/<client-id>. Times: ISO-8601, 'now', or 90s, 15m, 1h, 7d ago.
            Token: $OUTPOST_HQ_TOKEN, else the file --token-file / $OUTPOST_HQ_TOKEN_FILE, else <HQ>/data/hq/admin-token.
            URL: --url / $OUTPOST_HQ_URL, else host and port of <HQ>/etc/org.apache.felix.http.cfg, else http://127.0.0.1:8470.
            """;

    private final Map<String, String> env;
    private final Path home;
    private final PrintStream out;
    private final PrintStream err;

    HqCli(Map<String, String> env, Path home, PrintStream out, PrintStream err) {
        this.env = env;
        this.home = home;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) throws InterruptedException {
        String home = System.getProperty("outpost.home");
        int status = new HqCli(System.getenv(), home == null ? null : Path.of(home), System.out, System.err).run(List.of(args));
        System.exit(status);
    }

    /** Runs one command as the script does, with this environment and HQ folder (may be null); returns the exit status. */
    public static int run(List<String> arguments, Map<String, String> env, Path home, PrintStream out, PrintStream err)
            throws InterruptedException {
        return new HqCli(env, home, out, err).run(arguments);
    }

    int run(List<String> arguments) throws InterruptedException {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        boolean json = false;
        for (Iterator<String> it = arguments.iterator(); it.hasNext();) {
            String a = it.next();
            if (a.equals("--json")) {
                json = true;
            } else if (a.equals("-h") || a.equals("--help")) {
                out.print(USAGE);
                return 0;
            } else if (a.startsWith("--")) {
                if (!it.hasNext()) {
                    return usage("option " + a + " needs a value");
                }
                options.put(a.substring(2), it.next());
            } else {
                words.add(a);
            }
        }
        if (words.isEmpty()) {
            return usage("no command");
        }
        String token;
        URI url;
        try {
            token = token(options.remove("token-file"));
            url = url(options.remove("url"));
        } catch (IllegalArgumentException e) {
            err.println("outpost-hq-cli: " + e.getMessage());
            return 1;
        }
        Command command = new Command(new ApiClient(url, token), out, err, json);
        String name = words.get(0);
        List<String> rest = words.subList(1, words.size());
        try {
            return switch (name) {
                case "fleet" -> rest.isEmpty() && options.isEmpty() ? command.fleet() : usage("fleet takes no arguments");
                case "gateway" -> rest.size() == 1 && options.isEmpty() ? command.gateway(rest.get(0)) : usage("gateway <id>");
                case "telemetry" -> telemetry(command, rest, options);
                case "alerts" -> alerts(command, rest, options);
                case "ack" -> rest.size() == 1 && options.isEmpty() ? command.ack(rest.get(0)) : usage("ack <id>");
                default -> usage("unknown command '" + name + "'");
            };
        } catch (ApiClient.Unreachable e) {
            err.println("outpost-hq-cli: " + e.getMessage());
            return 2;
        }
    }

    private int telemetry(Command command, List<String> rest, Map<String, String> options)
            throws ApiClient.Unreachable, InterruptedException {
        if (rest.size() != 3) {
            return usage("telemetry <gw> <device> <channel> [--since 1h] [--until now] [--buckets N] [--limit N]");
        }
        StringBuilder query = new StringBuilder();
        query.append("device=").append(enc(rest.get(1))).append("&channel=").append(enc(rest.get(2)));
        for (Map.Entry<String, String> o : options.entrySet()) {
            if (!List.of("since", "until", "buckets", "limit").contains(o.getKey())) {
                return usage("telemetry has no option --" + o.getKey());
            }
            query.append('&').append(o.getKey()).append('=').append(enc(o.getValue()));
        }
        return command.telemetry(rest.get(0), query.toString());
    }

    private int alerts(Command command, List<String> rest, Map<String, String> options) throws ApiClient.Unreachable, InterruptedException {
        if (!rest.isEmpty()) {
            return usage("alerts [--state firing|resolved|all] [--acked true|false] [--limit N]");
        }
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> o : options.entrySet()) {
            if (!List.of("state", "acked", "limit").contains(o.getKey())) {
                return usage("alerts has no option --" + o.getKey());
            }
            query.append(query.isEmpty() ? "" : "&").append(o.getKey()).append('=').append(enc(o.getValue()));
        }
        return command.alerts(query.toString());
    }

    private int usage(String problem) {
        err.println("outpost-hq-cli: " + problem);
        err.print(USAGE);
        return 1;
    }

    private String token(String fileOption) {
        String direct = env.get("OUTPOST_HQ_TOKEN");
        if (fileOption == null && direct != null && !direct.isBlank()) {
            return direct.strip();
        }
        String file = fileOption != null ? fileOption : env.get("OUTPOST_HQ_TOKEN_FILE");
        Path path = file != null ? Path.of(file) : home == null ? null : home.resolve("data/hq/admin-token");
        if (path == null) {
            throw new IllegalArgumentException("no API token: set OUTPOST_HQ_TOKEN or --token-file");
        }
        try {
            String t = Files.readString(path, StandardCharsets.US_ASCII).strip();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("the token file " + path + " is empty");
            }
            return t;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the API token from " + path + " (" + e.getClass().getSimpleName()
                    + "); HQ writes its first token there at its first start, or set OUTPOST_HQ_TOKEN / --token-file");
        }
    }

    private URI url(String option) {
        String u = option != null ? option : env.get("OUTPOST_HQ_URL");
        if (u == null) {
            u = fromHttpConfig();
        }
        try {
            URI uri = URI.create(u.endsWith("/") ? u : u + "/");
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("the HQ URL " + u + " must start with http:// or https://");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("the HQ URL") ? e.getMessage() : "the HQ URL " + u + " is not a URL");
        }
    }

    private String fromHttpConfig() {
        String host = "127.0.0.1";
        String port = "8470";
        if (home != null) {
            Path cfg = home.resolve("etc/org.apache.felix.http.cfg");
            if (Files.isReadable(cfg)) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(cfg)) {
                    p.load(in);
                    host = p.getProperty("org.apache.felix.http.host", host).strip();
                    port = p.getProperty("org.osgi.service.http.port", port).strip();
                } catch (IOException e) {
                    // keep the defaults
                }
            }
        }
        if (host.equals("0.0.0.0") || host.isEmpty()) {
            host = "127.0.0.1";
        }
        return "http://" + host + ":" + port;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** "12s ago" for an ISO-8601 instant, the text itself when it is not one. */
    static String ago(JsonNode time, Instant now) {
        if (time == null || time.isNull()) {
            return "-";
        }
        try {
            Duration d = Duration.between(Instant.parse(time.asText()), now);
            long s = Math.max(0, d.toSeconds());
            if (s < 120) {
                return s + "s ago";
            }
            if (s < 7200) {
                return s / 60 + "m ago";
            }
            if (s < 172_800) {
                return s / 3600 + "h ago";
            }
            return s / 86_400 + "d ago";
        } catch (DateTimeParseException e) {
            return time.asText();
        }
    }
}
