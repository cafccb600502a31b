package io.outpost.ota;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.outpost.api.data.Value;
import io.outpost.api.ota.OtaState;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.Upstream;
import io.outpost.api.upstream.UpstreamMessage;

/**
 * Kura DEPLOY-V2 notifications ({@code $EDC/<account>/<requester>/DEPLOY-V2/NOTIFY/<client-id>/{download,install,uninstall}})
 * with Kura's metric names, plus Outpost's additions (docs/ota.md): {@code dp.install.signature},
 * {@code dp.install.health}, {@code dp.install.rolled.back}, {@code dp.install.state}, {@code dp.install.restarted}, {@code dp.version}. They go
 * through the durable upstream (the outbox) as {@link MessageClass#REPLY}, so a link that is down, or the MQTT link
 * being updated, delays them instead of losing them. Local jobs (no requester) notify nobody.
 */
final class DeployNotifications {

    static final String APP_ID = "DEPLOY-V2";

    private final Supplier<Upstream> upstream;
    private final Supplier<String> clientId;
    private final Clock clock;

    /** @param upstream the upstream now, or null when there is none */
    DeployNotifications(Supplier<Upstream> upstream, Supplier<String> clientId, Clock clock) {
        this.upstream = upstream;
        this.clientId = clientId;
        this.clock = clock;
    }

    CompletionStage<Boolean> download(JobRecord job, String status, String error) {
        Map<String, Value> m = base(job.jobId());
        m.put("dp.download.size", Value.of((int) Math.min(Integer.MAX_VALUE, job.bytesTotal())));
        m.put("dp.download.progress", Value.of(job.view().percent()));
        m.put("dp.download.status", Value.of(status));
        m.put("dp.download.index", Value.of(0));
        if (!error.isEmpty()) {
            m.put("dp.download.error.message", Value.of(error));
        }
        return send(job.requester(), "download", m);
    }

    /** @param status IN_PROGRESS, COMPLETED or FAILED */
    CompletionStage<Boolean> install(JobRecord job, String status) {
        return install(job, status, Optional.empty());
    }

    /**
     * @param restarted the bundles outside the package that were stopped during the job ({@code dp.install.restarted},
     *                  comma-separated, empty when none); not sent when unknown (after a restart of the gateway)
     */
    CompletionStage<Boolean> install(JobRecord job, String status, Optional<List<String>> restarted) {
        Map<String, Value> m = base(job.jobId());
        m.put("dp.name", Value.of(job.name()));
        m.put("dp.version", Value.of(job.version()));
        m.put("dp.install.status", Value.of(status));
        m.put("dp.install.progress", Value.of(progress(job.state())));
        m.put("dp.install.state", Value.of(job.state().code()));
        if (!job.signatureOutcome().isEmpty()) {
            m.put("dp.install.signature", Value.of(job.signatureOutcome()));
        }
        if (!job.health().isEmpty()) {
            m.put("dp.install.health", Value.of(job.health()));
        }
        if (job.state().isFinal()) {
            m.put("dp.install.rolled.back", Value.of(job.state() == OtaState.ROLLED_BACK));
        }
        restarted.ifPresent(names -> m.put("dp.install.restarted", Value.of(String.join(",", names))));
        if (!job.message().isEmpty() && job.state() != OtaState.COMMITTED) {
            m.put("dp.install.error.message", Value.of(job.message()));
        }
        return send(job.requester(), "install", m);
    }

    CompletionStage<Boolean> uninstall(long jobId, String requester, String name, String status, String error) {
        Map<String, Value> m = base(jobId);
        m.put("dp.name", Value.of(name));
        m.put("dp.uninstall.status", Value.of(status));
        m.put("dp.uninstall.progress", Value.of("COMPLETED".equals(status) ? 100 : 0));
        if (!error.isEmpty()) {
            m.put("dp.uninstall.error.message", Value.of(error));
        }
        return send(requester, "uninstall", m);
    }

    private static int progress(OtaState state) {
        return switch (state) {
            case VERIFYING -> 10;
            case INSTALLING -> 40;
            case CHECKING -> 70;
            case COMMITTED -> 100;
            default -> 0;
        };
    }

    private Map<String, Value> base(long jobId) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("client.id", Value.of(clientId.get()));
        m.put("job.id", Value.of(jobId));
        return m;
    }

    private CompletionStage<Boolean> send(String requester, String kind, Map<String, Value> metrics) {
        if (requester.isEmpty()) {
            return CompletableFuture.completedFuture(true);
        }
        Upstream now = upstream.get();
        if (now == null) {
            return CompletableFuture.completedFuture(false);
        }
        String topic = requester + "/" + APP_ID + "/NOTIFY/" + clientId.get() + "/" + kind;
        try {
            return now.send(new UpstreamMessage(MessageClass.REPLY, topic, clock.millis(), metrics))
                .thenApply(ack -> ack.isDurable());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(false);
        }
    }
}
