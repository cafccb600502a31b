package io.outpost.ota;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.outpost.api.ota.InstallRequest;
import io.outpost.api.ota.InstalledPackage;
import io.outpost.api.ota.OtaJob;

/**
 * Gogo: {@code outpost:ota install <file|url> [signature file]}, {@code outpost:ota status},
 * {@code outpost:ota rollback}. An install goes through the same signature check, install and health check as one
 * from HQ, and the command waits for its outcome. A file's signature is {@code <file>.sig} unless named; a URL's is
 * fetched from {@code <url>.sig}.
 */
@Component(service = OtaCommands.class, property = {"osgi.command.scope=outpost", "osgi.command.function=ota"})
public final class OtaCommands {

    private static final long WAIT_MILLIS = 15 * 60 * 1000L;
    private final OtaUpdates ota;

    @Activate
    public OtaCommands(@Reference OtaUpdates ota) {
        this.ota = ota;
    }

    public String ota(String... args) {
        if (args.length == 0) {
            return usage();
        }
        return switch (args[0]) {
            case "status" -> status();
            case "install" -> args.length == 2 || args.length == 3 ? install(args[1], args.length == 3 ? args[2] : null) : usage();
            case "rollback" -> wait(ota.jobs().rollBackLast());
            default -> usage();
        };
    }

    private String install(String what, String signatureFile) {
        Optional<String> refusal;
        UpdateJobs jobs = ota.jobs();
        if (what.startsWith("http://") || what.startsWith("https://")) {
            String signature = "";
            if (signatureFile != null) {
                try {
                    signature = Files.readString(Path.of(signatureFile), StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    return "cannot read " + signatureFile + ": " + e.getMessage();
                }
            }
            refusal = jobs.download(new UpdateJobs.DownloadOrder(-System.currentTimeMillis(), what, PackageDownloader.Credentials.NONE,
                "local", "", "", true, "", UpdateJobs.DEFAULT_BLOCK_SIZE, 0, signature, signature.isEmpty() ? what + ".sig" : ""));
        } else {
            Path file = Path.of(what);
            Path sig = Path.of(signatureFile != null ? signatureFile : what + ".sig");
            String signature = "";
            try {
                if (Files.exists(sig)) {
                    signature = Files.readString(sig, StandardCharsets.US_ASCII);
                }
            } catch (IOException e) {
                return "cannot read " + sig + ": " + e.getMessage();
            }
            refusal = Optional.of(jobs.installFile(file, signature)).filter(r -> !r.isAccepted()).map(InstallRequest::refusal);
        }
        return wait(refusal);
    }

    private String wait(Optional<String> refusal) {
        if (refusal.isPresent()) {
            return "refused: " + refusal.get();
        }
        long end = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < end) {
            Optional<JobRecord> job = ota.jobs().last();
            if (job.isPresent() && job.get().state().isFinal() && ota.jobs().running().isEmpty()) {
                return describe(job.get().view());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "still running: " + ota.jobs().last().map(j -> describe(j.view())).orElse("");
    }

    private String status() {
        StringBuilder out = new StringBuilder();
        out.append("trusted keys: ").append(ota.jobs().trustedKeyCount()).append('\n');
        out.append("job: ").append(ota.jobs().last().map(j -> describe(j.view())).orElse("none")).append('\n');
        MqttBlockSource.Counts blocks = ota.blocks().counts();
        out.append("blocks over MQTT: ").append(blocks.requests()).append(" asked (").append(blocks.repeated()).append(" again), ")
            .append(blocks.appended()).append(" appended, ").append(blocks.ignored()).append(" ignored, ").append(blocks.refused())
            .append(" refused\n");
        out.append("packages:\n");
        for (InstalledPackage p : ota.installedPackages()) {
            out.append("  ").append(p.name()).append(' ').append(p.version()).append(':');
            for (InstalledPackage.PackageBundle b : p.bundles()) {
                out.append(' ').append(b.symbolicName()).append('/').append(b.version());
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String describe(OtaJob job) {
        StringBuilder s = new StringBuilder();
        s.append(job.jobId()).append(' ').append(job.name()).append(' ').append(job.version()).append(": ").append(job.state().code());
        if (job.bytesTotal() > 0) {
            s.append(" (").append(job.bytesDone()).append('/').append(job.bytesTotal()).append(" bytes)");
        }
        if (!job.signature().isEmpty()) {
            s.append(" signature ").append(job.signature());
        }
        if (!job.health().isEmpty()) {
            s.append(", health ").append(job.health());
        }
        if (!job.message().isEmpty()) {
            s.append(": ").append(job.message());
        }
        return s.toString();
    }

    private static String usage() {
        return "usage: ota install <file|url> [signature file] | ota status | ota rollback";
    }
}
