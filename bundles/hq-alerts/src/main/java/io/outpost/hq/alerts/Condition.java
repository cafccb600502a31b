package io.outpost.hq.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What makes a rule fire. Subjects: {@code account/client-id} or {@code account/client-id/device/channel}. */
sealed interface Condition {

    /** Which gateways a condition looks at: every one, or one {@code account/client-id} or client id. */
    record GatewayFilter(Optional<String> gateway) {
        static final GatewayFilter ANY = new GatewayFilter(Optional.empty());

        boolean matches(String account, String clientId) {
            return gateway.map(g -> g.equals(account + "/" + clientId) || g.equals(clientId)).orElse(true);
        }
    }

    /** A gateway alarm: raised fires, cleared resolves. Empty device or channel: any. */
    record Alarm(GatewayFilter gateways, Optional<String> device, Optional<String> channel) implements Condition {
        boolean matches(String account, String clientId, String alarmDevice, String alarmChannel) {
            return gateways.matches(account, clientId) && device.map(alarmDevice::equals).orElse(true)
                    && channel.map(alarmChannel::equals).orElse(true);
        }
    }

    /** A gateway offline (DC, LWT) or unknown (silent) for at least {@code duration}. */
    record Offline(GatewayFilter gateways, Duration duration) implements Condition {
    }

    /** No sample of a channel for at least {@code duration} (gateways that ever sent it). */
    record NoData(GatewayFilter gateways, String device, String channel, Duration duration) implements Condition {
    }

    /** The statistic (avg, min or max) of a channel's numbers over the last {@code window} is below low or above high. */
    record OutOfRange(GatewayFilter gateways, String device, String channel, Optional<Double> low, Optional<Double> high,
            Duration window, String statistic) implements Condition {
        boolean outside(double value) {
            return low.map(l -> value < l).orElse(false) || high.map(h -> value > h).orElse(false);
        }
    }

    /** Maintenance by counter: the channel's latest value is at least {@code atLeast}; resolved when it is reset below. */
    record Counter(GatewayFilter gateways, String device, String channel, double atLeast) implements Condition {
    }

    /** Maintenance by calendar: due at {@code start}, then every {@code every}; each due date fires once and is resolved by its acknowledgement. */
    record Calendar(Instant start, Duration every) implements Condition {
        /** The latest due date at or before now, if any. */
        Optional<Instant> latestDue(Instant now) {
            if (now.isBefore(start)) {
                return Optional.empty();
            }
            long periods = Duration.between(start, now).toMillis() / every.toMillis();
            return Optional.of(start.plusMillis(periods * every.toMillis()));
        }
    }
}
