package io.outpost.ota;

import java.net.URI;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Gets a job's package and its detached signature from where the job says: {@code http(s)://} through
 * {@link PackageDownloader}, {@code mqtt:<package-id>} block by block through {@link MqttBlockSource}. Both write
 * the same partial file, so the resume after a restart and everything after the download are the same.
 */
final class PackageFetch {

    private static final int MAX_SIGNATURE_BYTES = 16 * 1024;

    /** What the signature fetch found: its text (empty: none) and, when empty, why, for the refusal message. */
    record FetchedSignature(String text, String problem) {
    }

    private final PackageDownloader http;
    private final MqttBlockSource mqtt;

    PackageFetch(PackageDownloader http, MqttBlockSource mqtt) {
        this.http = http;
        this.mqtt = mqtt;
    }

    /** Checks a job's source before the job is accepted. */
    static void checkSource(String uri) throws DownloadException {
        if (MqttBlockSource.isMqtt(uri)) {
            MqttBlockSource.checkUri(uri);
        } else {
            PackageDownloader.checkUri(uri);
        }
    }

    PackageDownloader.Outcome download(JobRecord job, PackageDownloader.Credentials credentials, Path partial, Path complete, int blockSize,
                                       BooleanSupplier cancelled, PackageDownloader.Progress progress) throws DownloadException {
        if (MqttBlockSource.isMqtt(job.source())) {
            return mqtt.download(job.jobId(), job.requester(), MqttBlockSource.checkUri(job.source()), partial, complete, blockSize, cancelled,
                progress);
        }
        return http.download(PackageDownloader.checkUri(job.source()), credentials, partial, complete, blockSize, cancelled, progress);
    }

    /** The job's signature: the text it came with, else fetched from its signature URI (http or https). */
    FetchedSignature signature(JobRecord job) {
        if (!job.signatureText().isBlank() || job.signatureSource().isEmpty()) {
            return new FetchedSignature(job.signatureText(), "");
        }
        try {
            String text = http.fetchText(PackageDownloader.checkUri(job.signatureSource()), PackageDownloader.Credentials.NONE,
                MAX_SIGNATURE_BYTES).orElse("");
            return new FetchedSignature(text, text.isEmpty() ? " (none at " + PackageDownloader.redact(URI.create(job.signatureSource())) + ")" : "");
        } catch (DownloadException e) {
            return new FetchedSignature("", " (" + e.getMessage() + ")");
        }
    }
}
