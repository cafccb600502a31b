package io.outpost.ota;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Block-wise download over MQTT ({@code OTA-BLOCK-V1}, docs/ota.md), for gateways that reach only the broker. The
 * download thread asks for one block at a time ({@link BlockAsker}) and waits; the publisher's answer comes in as a
 * request on the gateway's control topic and is handed to {@link #accept} by {@link OtaBlockHandler}, which appends
 * it to the same partial file as an HTTP download. So a restart resumes from the partial file's length, and the
 * SHA-256, signature and install after it are the HTTP ones. An unanswered request is asked again after
 * {@code readTimeoutMillis}, with a pause that doubles from {@code retryDelayMillis} (at most 60 s), up to
 * {@code downloadRetries} times in a row. While no link is up nothing is asked (a request queued
 * in the outbox would reach the publisher late, as a duplicate); the next request goes out when a link is back. Blocks that are not the next one, or not for the job waiting, are ignored;
 * a block larger than the job's block size is refused. Both are counted. One download at a time (the worker's).
 */
final class MqttBlockSource {

    static final String SCHEME = "mqtt:";
    /** Largest block: with Kura's JSON (body in base64) it still fits the profile's default maxRequestBytes (256 KiB). */
    static final int MAX_BLOCK_BYTES = 128 * 1024;
    static final int DEFAULT_BLOCK_BYTES = 64 * 1024;
    private static final long SYNC_EVERY_BYTES = 1024 * 1024;

    /** Publishes one block request upstream. */
    interface BlockAsker {
        /**
         * @return false when it did not send the request because no link is up: a request queued in the outbox
         *         during an outage would only reach the publisher as a duplicate after it
         */
        boolean ask(long jobId, String requester, String uri, long offset, int length);

        /** Whether a request would be sent now (a link is up). */
        boolean canAsk();
    }

    /** How a wait for the next block ended. */
    private enum Wake {
        /** the block came (or the download failed) */
        BLOCK,
        /** the time is up */
        TIMEOUT,
        /** a request could not be sent and now can: ask again at once */
        LINK_BACK
    }

    /** What became of a block handed to {@link #accept}. */
    enum Verdict {
        /** written to the partial file */
        APPENDED,
        /** not the next block of the job waiting (late, repeated, out of order, another job): dropped */
        IGNORED,
        /** malformed or larger than the block size: dropped */
        REFUSED,
        /** the publisher said it cannot serve the package: the download fails */
        FAILS
    }

    record Answer(Verdict verdict, String reason) {
    }

    /** Counters since the gateway started. */
    record Counts(long requests, long repeated, long appended, long ignored, long refused) {
    }

    private final BlockAsker asker;
    private final long timeoutMillis;
    private final long retryDelayMillis;
    private final int retries;
    private final BlockRules rules;

    private Waiting waiting;  // guarded by this; the download in progress, null when none
    private long requests;
    private long repeated;
    private long appended;
    private long ignored;
    private long refused;

    /** The one download waiting for blocks. Its fields are guarded by the source's monitor. */
    private static final class Waiting {
        final long jobId;
        final String requester;
        final int blockSize;
        final FileChannel out;
        final Path dir;
        long have;
        long total = -1;
        long sinceSync;
        String failure;

        Waiting(long jobId, String requester, int blockSize, FileChannel out, Path dir, long have) {
            this.jobId = jobId;
            this.requester = requester;
            this.blockSize = blockSize;
            this.out = out;
            this.dir = dir;
            this.have = have;
        }
    }

    MqttBlockSource(BlockAsker asker, long timeoutMillis, long retryDelayMillis, int retries, long maxBytes, long minFreeBytes) {
        this.asker = asker;
        this.timeoutMillis = timeoutMillis;
        this.retryDelayMillis = retryDelayMillis;
        this.retries = retries;
        this.rules = new BlockRules(maxBytes, minFreeBytes);
    }

    static boolean isMqtt(String uri) {
        return uri != null && uri.startsWith(SCHEME);
    }

    /** {@code mqtt:<package-id>}: an id of 1 to 200 printable characters. */
    static String checkUri(String uri) throws DownloadException {
        String id = isMqtt(uri) ? uri.substring(SCHEME.length()) : "";
        if (id.isEmpty() || id.length() > 200 || !id.matches("[\\x21-\\x7e]+")) {
            throw new DownloadException("'dp.uri' must be mqtt:<package-id> (1-200 printable characters, no space), is '" + cut(uri) + "'");
        }
        return uri;
    }

    /**
     * Downloads the package of job {@code jobId} into {@code partial}, resuming from its length, and renames it to
     * {@code complete} when the last block is in. The partial file stays when this throws.
     */
    PackageDownloader.Outcome download(long jobId, String requester, String uri, Path partial, Path complete, int blockSize,
                                       BooleanSupplier cancelled, PackageDownloader.Progress progress) throws DownloadException {
        if (requester.isEmpty()) {
            throw new PackageDownloader.Fatal("a download over MQTT needs a requester to ask for blocks");
        }
        int block = Math.min(MAX_BLOCK_BYTES, Math.max(1024, blockSize));
        Waiting w;
        long resumedFrom;
        try {
            FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            resumedFrom = out.size();
            out.position(resumedFrom);
            w = new Waiting(jobId, requester, block, out, partial.toAbsolutePath().getParent(), resumedFrom);
        } catch (IOException e) {
            throw new DownloadException("cannot open " + partial + ": " + e.getMessage(), e);
        }
        synchronized (this) {
            waiting = w;
        }
        int asked = 0;
        int askedAgain = 0;
        try {
            int misses = 0;
            long lastAsked = -1;
            progress.advanced(resumedFrom, -1);
            while (true) {
                long offset;
                int length;
                synchronized (this) {
                    if (w.failure != null) {
                        throw new PackageDownloader.Fatal(w.failure);
                    }
                    if (w.total >= 0 && w.have >= w.total) {
                        break;
                    }
                    offset = w.have;
                    length = w.total < 0 ? block : (int) Math.min(block, w.total - w.have);
                    requests++;
                    if (offset == lastAsked) {
                        repeated++;
                        askedAgain++;
                    }
                }
                lastAsked = offset;
                asked++;
                boolean sent = asker.ask(jobId, requester, uri, offset, length);
                Wake wake = awaitBeyond(w, offset, timeoutMillis, cancelled, !sent);
                if (wake == Wake.BLOCK) {
                    misses = 0;
                    report(w, progress);
                    continue;
                }
                misses++;
                if (wake == Wake.LINK_BACK && misses <= retries) {
                    continue;
                }
                if (misses > retries) {
                    throw new DownloadException("no answer to the request for the block at offset " + offset + " of " + uri
                        + " within " + timeoutMillis + " ms, " + misses + " times in a row");
                }
                if (awaitBeyond(w, offset, Math.min(60_000, retryDelayMillis << Math.min(misses - 1, 16)), cancelled, !sent) == Wake.BLOCK) {
                    misses = 0;  // a late answer came in during the pause
                    report(w, progress);
                }
            }
            long size;
            synchronized (this) {
                w.out.force(false);
                size = w.have;
            }
            w.out.close();
            Files.move(partial, complete, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new PackageDownloader.Outcome(size, resumedFrom, size - resumedFrom, asked, askedAgain);
        } catch (DownloadException e) {
            throw e;
        } catch (IOException e) {
            throw new DownloadException("download of " + uri + " failed: " + e.getMessage(), e);
        } finally {
            synchronized (this) {
                if (waiting == w) {
                    waiting = null;
                }
            }
            try {
                w.out.close();
            } catch (IOException e) {
                // closed already, or the file is gone; the journal decides what comes next
            }
        }
    }

    /**
     * A block from the publisher ({@code OTA-BLOCK-V1 PUT <job.id>/<offset>}).
     *
     * @param total the package size the publisher gives ({@code dp.download.size}), -1 when missing
     * @param error the publisher's error ({@code block.error}), empty when it serves the block
     */
    synchronized Answer accept(long jobId, String requester, long offset, long total, byte[] bytes, String error) {
        Waiting w = waiting;
        if (w == null || w.jobId != jobId) {
            ignored++;
            return new Answer(Verdict.IGNORED, "no download of job " + jobId + " waits for blocks");
        }
        if (!w.requester.equals(requester)) {
            ignored++;
            return new Answer(Verdict.IGNORED, "job " + jobId + " takes blocks only from its requester");
        }
        if (!error.isEmpty()) {
            w.failure = "the publisher cannot serve the package: " + cut(error);
            notifyAll();
            return new Answer(Verdict.FAILS, w.failure);
        }
        if (offset != w.have) {
            ignored++;
            return new Answer(Verdict.IGNORED, "block at offset " + offset + " is not the next one (" + w.have + ")");
        }
        Optional<String> problem = BlockRules.blockProblem(w.total, w.blockSize, offset, total, bytes.length);
        if (problem.isPresent()) {
            refused++;
            return new Answer(Verdict.REFUSED, problem.get());
        }
        if (w.total < 0) {
            Optional<String> tooLarge = rules.sizeProblem(total, w.have, w.dir);
            if (tooLarge.isPresent()) {
                refused++;
                w.failure = tooLarge.get();
                notifyAll();
                return new Answer(Verdict.REFUSED, w.failure);
            }
            w.total = total;
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                w.out.write(buffer);
            }
            w.have += bytes.length;
            w.sinceSync += bytes.length;
            if (w.sinceSync >= SYNC_EVERY_BYTES) {
                w.out.force(false);
                w.sinceSync = 0;
            }
        } catch (IOException e) {
            w.failure = "cannot write the block at offset " + offset + ": " + e.getMessage();
            notifyAll();
            return new Answer(Verdict.FAILS, w.failure);
        }
        appended++;
        notifyAll();
        return new Answer(Verdict.APPENDED, "");
    }

    synchronized Counts counts() {
        return new Counts(requests, repeated, appended, ignored, refused);
    }

    /**
     * Waits until the partial file has grown past {@code offset} or the download failed, at most {@code millis};
     * when {@code unsent}, also until a request can be sent again.
     */
    private Wake awaitBeyond(Waiting w, long offset, long millis, BooleanSupplier cancelled, boolean unsent) throws DownloadException {
        long end = System.currentTimeMillis() + millis;
        synchronized (this) {
            while (true) {
                if (w.have > offset || w.failure != null || (w.total >= 0 && w.have >= w.total)) {
                    return Wake.BLOCK;
                }
                if (cancelled.getAsBoolean()) {
                    throw new DownloadException.Cancelled();
                }
                if (unsent && asker.canAsk()) {
                    return Wake.LINK_BACK;
                }
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    return Wake.TIMEOUT;
                }
                try {
                    wait(Math.min(100, left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DownloadException("interrupted");
                }
            }
        }
    }

    private void report(Waiting w, PackageDownloader.Progress progress) {
        long done;
        long total;
        synchronized (this) {
            done = w.have;
            total = w.total;
        }
        progress.advanced(done, total);
    }

    private static String cut(String s) {
        String printable = String.valueOf(s).replaceAll("[^\\x20-\\x7e]", "_");
        return printable.length() > 120 ? printable.substring(0, 120) + "..." : printable;
    }
}
