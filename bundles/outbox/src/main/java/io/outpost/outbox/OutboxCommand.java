package io.outpost.outbox;

import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.outpost.api.outbox.LinkReport;
import io.outpost.api.outbox.OutboxSnapshot;
import io.outpost.api.outbox.OutboxStatistics;
import io.outpost.api.upstream.MessageClass;

/** Gogo command {@code outpost:outbox}: what waits, what was dropped or refused, and how each link is doing. */
@Component(service = OutboxCommand.class, property = {"osgi.command.scope=outpost", "osgi.command.function=outbox"})
public final class OutboxCommand {

    private final OutboxStatistics statistics;

    @Activate
    public OutboxCommand(@Reference OutboxStatistics statistics) {
        this.statistics = statistics;
    }

    public String outbox() {
        return render(statistics.snapshot());
    }

    static String render(OutboxSnapshot s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "outbox: %d waiting (%d bytes), oldest %d s, %d in flight, %d delivered%n",
            s.totalDepth(), s.bytesStored(), s.oldestAge().toSeconds(), s.inFlight(), s.delivered()));
        s.degraded().forEach((part, why) -> out.append(String.format(Locale.ROOT, "degraded: %s (%s); %d bytes wait in memory to be written%n",
            part, why, s.unwrittenBytes())));
        out.append(String.format(Locale.ROOT, "  %-10s %10s %10s %10s%n", "class", "waiting", "dropped", "refused"));
        for (MessageClass c : MessageClass.values()) {
            out.append(String.format(Locale.ROOT, "  %-10s %10d %10d %10d%n", c, get(s.depth(), c), get(s.dropped(), c), get(s.refused(), c)));
        }
        if (s.links().isEmpty()) {
            out.append("no links\n");
        }
        for (LinkReport l : s.links()) {
            out.append(String.format(Locale.ROOT, "link %-10s %-4s window %d/%d (link counts %d), delivered %d, failed %d, reconnects %d%n",
                l.link(), l.status().state(), l.outboxInFlight(), l.maxInFlight(), l.status().inFlight(), l.delivered(), l.failed(),
                l.status().reconnects()));
        }
        return out.toString();
    }

    private static long get(Map<MessageClass, Long> counts, MessageClass c) {
        return counts.getOrDefault(c, 0L);
    }
}
