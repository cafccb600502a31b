package io.outpost.hq.shell;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.outpost.api.hq.AlarmRecord;
import io.outpost.api.hq.Bucket;
import io.outpost.api.hq.FleetRegistry;
import io.outpost.api.hq.GatewayId;
import io.outpost.api.hq.GatewayRecord;
import io.outpost.api.hq.IngestStatistics;
import io.outpost.api.hq.Sample;
import io.outpost.api.hq.TelemetryQuery;

/**
 * {@code hq:fleet}, {@code hq:gateway}, {@code hq:telemetry}, {@code hq:ingest}. Each returns the text to print; an
 * operator's mistake (unknown gateway, a bad option) is a message, never a stack trace.
 */
@Component(service = HqCommands.class, property = {"osgi.command.scope=hq", "osgi.command.function=fleet",
    "osgi.command.function=gateway", "osgi.command.function=telemetry", "osgi.command.function=ingest"})
public final class HqCommands {

    private static final int RAW_LIMIT = 50;

    private final FleetRegistry fleet;
    private final TelemetryQuery telemetry;
    private final Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile IngestStatistics statistics;

    @Activate
    public HqCommands(@Reference FleetRegistry fleet, @Reference TelemetryQuery telemetry) {
        this(fleet, telemetry, Clock.systemUTC());
    }

    HqCommands(FleetRegistry fleet, TelemetryQuery telemetry, Clock clock) {
        this.fleet = fleet;
        this.telemetry = telemetry;
        this.clock = clock;
    }

    /** Every gateway: id, state, last seen, model, application count. */
    public String fleet() {
        List<GatewayRecord> gateways = fleet.gateways();
        if (gateways.isEmpty()) {
            return "no gateway has been heard of yet\n";
        }
        TextTable table = new TextTable("GATEWAY", "STATE", "LAST SEEN", "LAST EVENT", "MODEL", "APPS");
        for (GatewayRecord g : gateways) {
            table.row(g.id(), g.state().code(), ago(g.lastSeen()), g.lastEvent().map(Enum::name).orElse("-"),
                    g.birthMetrics().getOrDefault("model_name", "-"), g.applicationIds().size());
        }
        return table.toString();
    }

    /** One gateway: state, birth metrics, channels, alarms of the last day. */
    public String gateway(String id) {
        Optional<GatewayRecord> found = find(id);
        if (found.isEmpty()) {
            return unknown(id);
        }
        GatewayRecord g = found.get();
        StringBuilder out = new StringBuilder();
        out.append("gateway     ").append(g.id()).append('\n');
        out.append("state       ").append(g.state().code()).append(" (last seen ").append(ago(g.lastSeen())).append(")\n");
        out.append("profile     ").append(g.profile()).append('\n');
        out.append("last event  ").append(g.lastEvent().map(Enum::name).orElse("-")).append('\n');
        out.append("last birth  ").append(g.lastBirth().map(Instant::toString).orElse("-")).append('\n');
        out.append("apps        ").append(String.join(",", g.applicationIds())).append('\n');
        if (!g.birthMetrics().isEmpty()) {
            out.append("birth metrics:\n");
            TextTable metrics = new TextTable("  NAME", "VALUE");
            g.birthMetrics().forEach((k, v) -> metrics.row("  " + k, v));
            out.append(metrics);
        }
        out.append("channels    ").append(String.join(" ", telemetry.channels(g.id()))).append('\n');
        Instant now = clock.instant();
        List<AlarmRecord> alarms = telemetry.alarms(g.id(), now.minus(Duration.ofDays(1)), now.plusSeconds(1));
        if (!alarms.isEmpty()) {
            out.append("alarms of the last 24 h:\n");
            TextTable table = new TextTable("  TIME", "DEVICE", "CHANNEL", "STATE", "LIMIT", "THRESHOLD", "VALUE");
            alarms.forEach(a -> table.row("  " + a.time(), a.device(), a.channel(), a.state(), a.limit(), a.threshold(), a.value()));
            out.append(table);
        }
        return out.toString();
    }

    public String telemetry(String gateway, String device, String channel) {
        return telemetry(gateway, device, channel, new String[0]);
    }

    public String telemetry(String gateway, String device, String channel, String option, String value) {
        return telemetry(gateway, device, channel, new String[] {option, value});
    }

    public String telemetry(String gateway, String device, String channel, String option1, String value1, String option2, String value2) {
        return telemetry(gateway, device, channel, new String[] {option1, value1, option2, value2});
    }

    /** The last {@code --since} (default 1h) of one channel: raw samples, or min/avg/max per {@code --bucket}. */
    private String telemetry(String gateway, String device, String channel, String[] options) {
        Duration since = Duration.ofHours(1);
        Duration bucket = null;
        try {
            for (int i = 0; i < options.length; i += 2) {
                switch (options[i]) {
                    case "--since" -> since = DurationText.parse(options[i + 1], "--since");
                    case "--bucket" -> bucket = DurationText.parse(options[i + 1], "--bucket");
                    default -> throw new IllegalArgumentException("unknown option " + options[i] + " (try --since 1h, --bucket 5m)");
                }
            }
        } catch (IllegalArgumentException e) {
            return e.getMessage() + "\n";
        }
        Optional<GatewayRecord> found = find(gateway);
        if (found.isEmpty()) {
            return unknown(gateway);
        }
        GatewayId id = found.get().id();
        Instant to = clock.instant().plusSeconds(1);
        Instant from = to.minus(since);
        if (bucket != null) {
            from = Instant.ofEpochMilli(Math.floorDiv(from.toEpochMilli(), bucket.toMillis()) * bucket.toMillis()); // whole buckets
            List<Bucket> buckets = telemetry.downsample(id, device, channel, from, to, bucket);
            if (buckets.isEmpty()) {
                return "no numeric samples of " + device + "/" + channel + " on " + id + " since " + from + "\n";
            }
            TextTable table = new TextTable("BUCKET", "COUNT", "MIN", "AVG", "MAX");
            buckets.forEach(b -> table.row(b.start(), b.count(), b.min(), b.avg(), b.max()));
            return table.toString();
        }
        List<Sample> shown = telemetry.latestSamples(id, device, channel, from, to, RAW_LIMIT);
        if (shown.isEmpty()) {
            return "no samples of " + device + "/" + channel + " on " + id + " since " + from + "\n";
        }
        TextTable table = new TextTable("TIME", "VALUE");
        shown.forEach(s -> table.row(s.time(), s.number() != null ? s.number() : s.text()));
        long all = shown.size() < RAW_LIMIT ? shown.size() : telemetry.count(id, device, channel, from, to);
        String more = all > shown.size() ? "(the last " + shown.size() + " of " + all + "; use --bucket for all)\n" : "";
        return table + more;
    }

    /** What ingest did since HQ started. */
    public String ingest() {
        IngestStatistics s = statistics;
        if (s == null) {
            return "ingest is not running (no io.outpost.hq.ingest configuration?)\n";
        }
        TextTable table = new TextTable("OUTCOME", "COUNT");
        for (Map.Entry<String, Long> e : s.counters().entrySet()) {
            table.row(e.getKey(), e.getValue());
        }
        return table.toString();
    }

    private Optional<GatewayRecord> find(String id) {
        int slash = id.indexOf('/');
        if (slash > 0) {
            return fleet.gateway(new GatewayId(id.substring(0, slash), id.substring(slash + 1)));
        }
        List<GatewayRecord> matches = fleet.byClientId(id);
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    private String unknown(String id) {
        int count = id.indexOf('/') > 0 ? 0 : fleet.byClientId(id).size();
        return count > 1 ? "client id " + id + " is in " + count + " accounts: name it <account>/" + id + "\n"
                : "no gateway " + id + " (hq:fleet lists them)\n";
    }

    private String ago(Instant then) {
        long seconds = Duration.between(then, clock.instant()).toSeconds();
        if (seconds < 0) {
            return then.toString();
        }
        if (seconds < 120) {
            return seconds + " s ago";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min ago";
        }
        return then.toString();
    }
}
