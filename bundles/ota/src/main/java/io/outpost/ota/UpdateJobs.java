package io.outpost.ota;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.ota.InstallRequest;
import io.outpost.api.ota.InstalledPackage;
import io.outpost.api.ota.OtaState;
import io.outpost.ota.signing.PackageDigest;
import io.outpost.ota.signing.SignatureCheck;

/**
 * Runs update jobs one at a time on its own worker thread, through the states of {@link OtaState}, writing the
 * {@link InstallJournal} before each step. After a restart {@link #start()} reads the journal and finishes what a
 * crash cut off: a download resumes, a verification is done again, and an install or a health check that was cut
 * off is rolled back, so the previous version runs and is committed; then the outcome is reported upstream.
 * Accepting a job ({@code download}, {@code install}, ...) returns at once: empty when accepted, else why not.
 */
final class UpdateJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateJobs.class);
    static final int DEFAULT_BLOCK_SIZE = 64 * 1024;
    /** How long an install waits for the framework to finish starting (a job that came in while the gateway boots). */
    private static final long FRAMEWORK_START_WAIT_MILLIS = 5 * 60_000;

    /** An EXEC download, checked. */
    record DownloadOrder(long jobId, String uri, PackageDownloader.Credentials credentials, String name, String version,
                         String requester, boolean installAfter, String expectedSha256, int blockSize, int notifyBlockSize,
                         String signatureText, String signatureUri) {
    }

    private final OtaSettings settings;
    private final InstallJournal journal;
    private final InstalledPackages packages;
    private final PackageInstaller installer;
    private final PackageHealth health;
    private final DeployNotifications notifications;
    private final PackageFetch fetch;
    private final SignatureCheck signatures;
    private final Bundle self;
    private final String bootId;
    private final BooleanSupplier anyLinkUp;
    private final Clock clock;
    private final JobFolders folders;
    private final ExecutorService worker;

    private volatile JobRecord current;
    private volatile boolean cancelRequested;
    private volatile boolean closed;
    private volatile PackageDownloader.Outcome lastDownload;
    private volatile RestartWatch watch;  // the bundles outside the package stopped while the running job installs
    private boolean queued;  // guarded by this: a job was accepted and the worker has not taken it yet

    UpdateJobs(OtaSettings settings, InstallJournal journal, InstalledPackages packages, PackageInstaller installer,
               PackageHealth health, DeployNotifications notifications, PackageFetch fetch, Bundle self,
               String bootId, BooleanSupplier anyLinkUp, Clock clock) throws IOException {
        this.settings = settings;
        this.journal = journal;
        this.packages = packages;
        this.installer = installer;
        this.health = health;
        this.notifications = notifications;
        this.fetch = fetch;
        this.signatures = new SignatureCheck(settings.trustedKeys());
        this.self = self;
        this.bootId = bootId;
        this.anyLinkUp = anyLinkUp;
        this.clock = clock;
        this.folders = new JobFolders(settings.workDir());
        this.current = journal.read().orElse(null);
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "outpost-ota");
            t.setDaemon(true);
            return t;
        });
    }

    /** Finishes what the journal says was under way, then reports an unreported outcome. */
    void start() {
        worker.execute(this::recover);
    }

    Optional<JobRecord> last() {
        return Optional.ofNullable(current);
    }

    Optional<JobRecord> running() {
        JobRecord job = current;
        return job != null && busy(job) ? Optional.of(job) : Optional.empty();
    }

    List<InstalledPackage> installedPackages() {
        return packages.all();
    }

    Optional<InstalledPackage> installedPackage(String name) {
        return packages.get(name);
    }

    /** What the last download did on the network (for the bench and the tests). */
    Optional<PackageDownloader.Outcome> lastDownload() {
        return Optional.ofNullable(lastDownload);
    }

    int trustedKeyCount() {
        return signatures.trustedKeyCount();
    }

    private static boolean busy(JobRecord job) {
        return switch (job.state()) {
            case DOWNLOADING, VERIFYING, INSTALLING, CHECKING -> true;
            case DOWNLOADED -> job.installAfter();
            default -> false;
        };
    }

    private synchronized Optional<String> refuseWhenBusy() {
        if (closed) {
            return Optional.of("the OTA service is stopping");
        }
        JobRecord job = current;
        if (queued || (job != null && busy(job))) {
            return Optional.of("job " + (job == null ? "?" : job.jobId()) + " is " + (job == null ? "queued" : job.state().code()));
        }
        return Optional.empty();
    }

    // ---- accepting jobs -------------------------------------------------------------------------------------

    synchronized Optional<String> download(DownloadOrder order) {
        Optional<String> busy = refuseWhenBusy();
        if (busy.isPresent()) {
            return busy;
        }
        try {
            PackageFetch.checkSource(order.uri());
        } catch (DownloadException e) {
            return Optional.of(e.getMessage());
        }
        JobRecord job = new JobRecord("install", order.jobId(), order.name(), order.version(), order.uri(), order.requester(),
            order.installAfter(), order.expectedSha256(), order.signatureText(), order.signatureUri(), OtaState.DOWNLOADING, 0, -1,
            order.blockSize(), order.notifyBlockSize(), "", "", "", "", List.of(), bootId, false, false, false, clock.millis());
        return accept(job, () -> runDownload(job, order.credentials()));
    }

    /** EXEC install of a package downloaded before with {@code dp.install=false}. */
    synchronized Optional<String> installDownloaded(long jobId, String name, String version, String requester) {
        Optional<String> busy = refuseWhenBusy();
        if (busy.isPresent()) {
            return busy;
        }
        JobRecord job = current;
        if (job == null || job.state() != OtaState.DOWNLOADED || !job.name().equals(name) || !job.version().equals(version)) {
            return Optional.of("no downloaded package " + name + " " + version + " waits for an install");
        }
        JobRecord next = new JobRecord(job.operation(), jobId, job.name(), job.version(), job.source(), requester, true,
            job.expectedSha256(), job.signatureText(), job.signatureSource(), OtaState.DOWNLOADED, job.bytesDone(), job.bytesTotal(),
            job.blockSize(), job.notifyBlockSize(), job.file(), "", "", "", List.of(), bootId, false, false, false, clock.millis());
        return accept(next, () -> runInstall(next));
    }

    /** A local package file and its signature (the shell); copied first, so the check runs on our own copy. */
    /** A local install (the shell, the web console's upload): the job's id, or why it was not started. */
    synchronized InstallRequest installFile(Path file, String signatureText) {
        Optional<String> busy = refuseWhenBusy();
        if (busy.isPresent()) {
            return InstallRequest.refused(busy.get());
        }
        long jobId = -clock.millis();
        Path copy = folders.complete(jobId);
        try {
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            return InstallRequest.refused("cannot read " + file + ": " + e.getMessage());
        }
        JobRecord job = new JobRecord("install", jobId, file.getFileName().toString(), "", file.toString(), "", true, "",
            signatureText == null ? "" : signatureText, "", OtaState.DOWNLOADED, 0, -1, DEFAULT_BLOCK_SIZE, 0, copy.toString(), "", "",
            "", List.of(), bootId, false, false, false, clock.millis());
        Optional<String> refusal = accept(job, () -> runInstall(job));
        return refusal.map(InstallRequest::refused).orElse(InstallRequest.accepted(jobId));
    }

    synchronized Optional<String> uninstall(long jobId, String name, String requester) {
        Optional<String> busy = refuseWhenBusy();
        if (busy.isPresent()) {
            return busy;
        }
        queued = true;
        worker.execute(() -> {
            synchronized (this) {
                queued = false;
            }
            runUninstall(jobId, name, requester);
        });
        return Optional.empty();
    }

    /** Cancels the running download; empty when there was one. */
    Optional<String> cancelDownload() {
        JobRecord job = current;
        if (job == null || job.state() != OtaState.DOWNLOADING) {
            return Optional.of("no download is in progress");
        }
        cancelRequested = true;
        return Optional.empty();
    }

    /** Puts back the bundles the last committed job replaced (the shell's {@code outpost:ota rollback}). */
    synchronized Optional<String> rollBackLast() {
        Optional<String> busy = refuseWhenBusy();
        if (busy.isPresent()) {
            return busy;
        }
        JobRecord job = current;
        if (job == null || job.state() != OtaState.COMMITTED || job.touched().isEmpty()) {
            return Optional.of("the last job was not a committed install; nothing to roll back");
        }
        for (TouchedBundle t : job.touched()) {
            if (t.existed() && !Files.exists(Path.of(t.backup()))) {
                return Optional.of("the backup of " + t.symbolicName() + " is gone");
            }
        }
        JobRecord checking = job.withState(OtaState.CHECKING, "", clock.millis());
        return accept(checking, () -> {
            rollBack(checking, "rolled back by the operator");
            try {
                packages.remove(job.name());
            } catch (IOException e) {
                LOG.warn("OTA: could not update the package list: {}", e.getMessage());
            }
        });
    }

    private Optional<String> accept(JobRecord job, Runnable work) {
        try {
            save(job);
        } catch (IOException e) {
            return Optional.of("cannot write the journal: " + e.getMessage());
        }
        cancelRequested = false;
        queued = true;
        worker.execute(() -> {
            synchronized (this) {
                queued = false;
            }
            work.run();
        });
        return Optional.empty();
    }

    // ---- the steps --------------------------------------------------------------------------------------------

    private void recover() {
        JobRecord job = current;
        if (job == null) {
            return;
        }
        LOG.info("OTA: journal holds job {} ({} {}) in state {}", job.jobId(), job.name(), job.version(), job.state().code());
        switch (job.state()) {
            case DOWNLOADING -> runDownload(job, PackageDownloader.Credentials.NONE);
            case DOWNLOADED -> {
                if (job.installAfter()) {
                    runInstall(job);
                }
            }
            case VERIFYING -> runInstall(job);
            case INSTALLING -> {
                if (job.selfUpdate() && bootId.equals(job.bootId())) {
                    check(job);  // this bundle was updated by itself in this run: go on with the health check
                } else {
                    rollBack(job, "the gateway stopped during the install; the previous version was restored");
                }
            }
            case CHECKING -> rollBack(job, "the gateway stopped during the health check; the previous version was restored");
            default -> {
                if (!job.reported()) {
                    if (job.state() == OtaState.COMMITTED && !job.touched().isEmpty()
                        && !packages.get(job.name()).map(p -> p.version().equals(job.version())).orElse(false)) {
                        listPackage(job);  // the kill came between the commit and the package list
                    }
                    report(job);
                }
            }
        }
    }

    private void runDownload(JobRecord start, PackageDownloader.Credentials credentials) {
        Path partial = folders.partial(start.jobId());
        Path complete = folders.complete(start.jobId());
        long[] notified = {-1};
        try {
            int block = start.blockSize() <= 0 ? DEFAULT_BLOCK_SIZE : start.blockSize();
            PackageDownloader.Outcome outcome = fetch.download(start, credentials, partial, complete, block,
                () -> cancelRequested || closed, (done, total) -> {
                    JobRecord now = current.withProgress(done, total);
                    current = now;
                    long every = now.notifyBlockSize() > 0 ? now.notifyBlockSize() : total > 0 ? Math.max(1, total / 20) : 256 * 1024;
                    if (notified[0] < 0 || done - notified[0] >= every) {
                        notified[0] = done;
                        notifications.download(now, "IN_PROGRESS", "");
                    }
                });
            lastDownload = outcome;
            JobRecord job = current;
            if (!job.expectedSha256().isEmpty()) {
                String actual = HexFormat.of().formatHex(PackageDigest.sha256(complete));
                if (!actual.equals(job.expectedSha256())) {
                    Files.deleteIfExists(complete);
                    failDownload(job, "'dp.download.hash' mismatch: the file's SHA-256 is " + actual);
                    return;
                }
            }
            job = save(job.withFile(complete.toString()).withState(OtaState.DOWNLOADED, "", clock.millis()));
            notifications.download(job, "COMPLETED", "");
            if (job.installAfter()) {
                runInstall(job);
            }
        } catch (DownloadException.Cancelled e) {
            if (closed && !cancelRequested) {
                return;  // the gateway is stopping: the journal still says downloading, the next start resumes
            }
            folders.dropPartial(start.jobId());
            JobRecord job = current;
            saveQuietly(job.withState(OtaState.FAILED, "Download cancelled", clock.millis()));
            notifications.download(current, "CANCELLED", "Download cancelled").thenAccept(ok -> markReported(current, ok));
        } catch (IOException | RuntimeException e) {
            if (closed) {
                return;
            }
            folders.dropPartial(start.jobId());
            failDownload(current, e.getMessage());
        }
    }

    private void failDownload(JobRecord job, String message) {
        JobRecord failed = saveQuietly(job.withState(OtaState.FAILED, message, clock.millis()));
        LOG.warn("OTA: job {} download failed: {}", failed.jobId(), message);
        notifications.download(failed, "FAILED", message).thenAccept(ok -> markReported(failed, ok));
    }

    private void runInstall(JobRecord downloaded) {
        JobRecord job;
        try {
            job = save(downloaded.withState(OtaState.VERIFYING, "", clock.millis()));
        } catch (IOException e) {
            fail(downloaded, "cannot write the journal: " + e.getMessage());
            return;
        }
        notifications.install(job, "IN_PROGRESS");
        Path file = Path.of(job.file());
        PackageContents contents;
        try {
            PackageFetch.FetchedSignature fetched = fetch.signature(job);
            String signatureText = fetched.text();
            String fetchProblem = fetched.problem();
            SignatureCheck.Verdict verdict = signatures.check(PackageDigest.sha256(file), signatureText);
            job = job.withSignature(signatureText, verdict.outcome().code());
            if (!verdict.valid()) {
                Files.deleteIfExists(file);
                fail(job, "refused, signature " + verdict.outcome().code() + ": " + verdict.reason() + fetchProblem);
                return;
            }
            contents = PackageContents.read(file, folders.freshStage(job.jobId()));
        } catch (IOException e) {
            fail(job, "refused: " + e.getMessage());
            return;
        }
        if (self.getBundleContext().getBundle(0).getState() != Bundle.ACTIVE) {
            LOG.info("OTA: job {} waits for the framework to finish starting before it installs", job.jobId());
        }
        if (!installer.awaitFrameworkStarted(FRAMEWORK_START_WAIT_MILLIS, () -> closed)) {
            if (closed) {
                return;  // the journal says verifying: the next start verifies again
            }
            fail(job, "refused: the framework did not finish starting within " + FRAMEWORK_START_WAIT_MILLIS / 1000 + " s");
            return;
        }
        String selfName = self.getSymbolicName();
        boolean updatesItself = contents.bundles().stream().anyMatch(b -> b.symbolicName().equals(selfName));
        try {
            List<TouchedBundle> touched = installer.backUp(contents, folders.freshBackup(job.jobId()));
            boolean needLink = settings.requireLinkUp() && anyLinkUp.getAsBoolean();
            // a deployment package is named by its manifest; a single bundle by the job (HQ's dp.name), locally by its symbolic name
            boolean single = contents.bundles().size() == 1 && contents.name().equals(contents.bundles().get(0).symbolicName());
            boolean named = single && !job.requester().isEmpty() && !job.name().isBlank() && !job.version().isBlank();
            job = save(job.withPackage(named ? job.name() : contents.name(), named ? job.version() : contents.version(), touched,
                updatesItself, needLink).withBoot(bootId)
                .withState(OtaState.INSTALLING, "", clock.millis()));
        } catch (IOException | RuntimeException e) {
            fail(job, "refused: the running bundles could not be backed up: " + e.getMessage());
            return;
        }
        notifications.install(job, "IN_PROGRESS");
        List<PackageContents.StagedBundle> others = new ArrayList<>();
        PackageContents.StagedBundle own = null;
        for (PackageContents.StagedBundle b : contents.bundles()) {
            if (b.symbolicName().equals(selfName)) {
                own = b;
            } else {
                others.add(b);
            }
        }
        watch = RestartWatch.start(job.jobId(), self.getBundleContext(),
            job.touched().stream().map(TouchedBundle::symbolicName).collect(Collectors.toSet()));
        try {
            installer.apply(others);
        } catch (PackageInstaller.InstallFailure e) {
            rollBack(job, e.getMessage());
            return;
        }
        if (own != null) {
            updateItself(own);
            return;  // the new version of this bundle finds the journal and goes on with the health check
        }
        check(job);
    }

    /**
     * Updates this very bundle from a thread of its own: the update stops this bundle (its component, this worker)
     * and starts the new revision, whose {@link #recover()} continues with the health check.
     */
    private void updateItself(PackageContents.StagedBundle own) {
        LOG.info("OTA: updating the OTA bundle itself to {}", own.version());
        Thread t = new Thread(() -> {
            try (InputStream in = Files.newInputStream(own.file())) {
                self.update(in);
            } catch (Exception e) {
                LOG.error("OTA: the update of the OTA bundle itself failed: {}", e.getMessage());
            }
        }, "outpost-ota-self-update");
        t.setDaemon(true);
        t.start();
    }

    private void check(JobRecord installed) {
        JobRecord job;
        try {
            job = save(installed.withState(OtaState.CHECKING, "", clock.millis()));
        } catch (IOException e) {
            rollBack(installed, "cannot write the journal: " + e.getMessage());
            return;
        }
        notifications.install(job, "IN_PROGRESS");
        Map<String, String> versions = new LinkedHashMap<>();
        for (TouchedBundle t : job.touched()) {
            versions.put(t.symbolicName(), t.newVersion());
        }
        Optional<String> problem = health.await(versions, job.needLink(), clock.millis() + settings.healthDeadline().toMillis(), () -> closed);
        if (closed) {
            return;  // the journal says checking: the next start rolls back
        }
        if (problem.isPresent()) {
            rollBack(job.withHealth("failed: " + problem.get()), "health check failed: " + problem.get());
            return;
        }
        commit(job.withHealth("healthy"));
    }

    /**
     * The journal says committed first, then the package list follows: a kill in between leaves a committed journal
     * whose package is not listed yet, and {@link #recover()} lists it (a list written first would name a version
     * that the recovery of a cut-off health check rolls back).
     */
    private void commit(JobRecord job) {
        JobRecord committed = saveQuietly(job.withState(OtaState.COMMITTED, "", clock.millis()));
        listPackage(committed);
        LOG.info("OTA: job {} committed {} {}", committed.jobId(), committed.name(), committed.version());
        folders.afterCommit(committed);
        report(committed);
    }

    private void listPackage(JobRecord committed) {
        List<InstalledPackage.PackageBundle> bundles = new ArrayList<>();
        for (TouchedBundle t : committed.touched()) {
            bundles.add(new InstalledPackage.PackageBundle(t.symbolicName(), t.newVersion()));
        }
        try {
            packages.put(new InstalledPackage(committed.name(), committed.version(), bundles, committed.updatedAt()));
        } catch (IOException e) {
            LOG.warn("OTA: committed, but the package list could not be written: {}", e.getMessage());
        }
    }

    private void rollBack(JobRecord job, String reason) {
        LOG.warn("OTA: job {} ({} {}) rolls back: {}", job.jobId(), job.name(), job.version(), reason);
        List<String> problems = installer.restore(job.touched());
        JobRecord done = problems.isEmpty()
            ? saveQuietly(job.withState(OtaState.ROLLED_BACK, reason, clock.millis()))
            : saveQuietly(job.withState(OtaState.FAILED, reason + "; the restore failed for " + String.join("; ", problems), clock.millis()));
        folders.dropStage(job.jobId());
        report(done);
    }

    private void fail(JobRecord job, String message) {
        JobRecord failed = saveQuietly(job.withState(OtaState.FAILED, message, clock.millis()));
        LOG.warn("OTA: job {} failed: {}", failed.jobId(), message);
        folders.dropStage(job.jobId());
        report(failed);
    }

    private void runUninstall(long jobId, String name, String requester) {
        Optional<InstalledPackage> pkg = packages.get(name);
        if (pkg.isEmpty()) {
            // Kura answers COMPLETED here; we say what happened
            notifications.uninstall(jobId, requester, name, "FAILED", "no package named " + name + " is installed");
            return;
        }
        try {
            List<String> names = pkg.get().bundles().stream().map(InstalledPackage.PackageBundle::symbolicName)
                .filter(n -> !n.equals(self.getSymbolicName())).toList();
            installer.uninstall(names);
            packages.remove(name);
            JobRecord last = current;
            if (last != null && last.state() == OtaState.COMMITTED && last.name().equals(name) && !last.reported()) {
                saveQuietly(last.asReported());  // so that a restart does not list the removed package again
            }
            notifications.uninstall(jobId, requester, name, "COMPLETED", "");
        } catch (PackageInstaller.InstallFailure | IOException e) {
            notifications.uninstall(jobId, requester, name, "FAILED", e.getMessage());
        }
    }

    private void report(JobRecord job) {
        RestartWatch w = watch;
        Optional<List<String>> restarted = Optional.empty();
        if (w != null && w.jobId() == job.jobId()) {
            w.close();
            restarted = Optional.of(w.restarted());
        }
        notifications.install(job, job.state() == OtaState.COMMITTED ? "COMPLETED" : "FAILED", restarted)
            .thenAccept(ok -> markReported(job, ok));
    }

    private synchronized void markReported(JobRecord job, boolean durable) {
        JobRecord now = current;
        if (!durable || now == null || now.jobId() != job.jobId() || now.state() != job.state() || now.reported()) {
            return;
        }
        saveQuietly(now.asReported());
    }

    /** Reports the final outcome again when it could not be handed upstream before (called when an upstream appears). */
    void reportIfUnreported() {
        JobRecord job = current;
        if (job != null && job.state().isFinal() && !job.reported() && !closed) {
            worker.execute(() -> {
                JobRecord now = current;
                if (now != null && now.state().isFinal() && !now.reported()) {
                    report(now);
                }
            });
        }
    }

    // ---- files ------------------------------------------------------------------------------------------------

    private synchronized JobRecord save(JobRecord job) throws IOException {
        journal.write(job);
        current = job;
        return job;
    }

    private JobRecord saveQuietly(JobRecord job) {
        try {
            return save(job);
        } catch (IOException e) {
            LOG.error("OTA: cannot write the journal: {}", e.getMessage());
            current = job;
            return job;
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.shutdown();
        if (Thread.currentThread().getName().startsWith("outpost-ota")) {
            return;  // stopped by its own worker or self-update thread (the OTA bundle updating itself)
        }
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("OTA: the worker did not stop within 10 s; the journal lets the next start finish its job");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
