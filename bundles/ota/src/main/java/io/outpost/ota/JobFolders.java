package io.outpost.ota;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work folders of the jobs under {@code workDir}: {@code downloads/} (partial and complete package files),
 * {@code staging/job<id>/} (the bundles read out of a package) and {@code backup/job<id>/} (the bundles a package
 * replaces). Names are per job, so a restart finds what a job left behind. Deleting never throws: a file that cannot
 * be deleted costs disk, not the job.
 */
final class JobFolders {

    private static final Logger LOG = LoggerFactory.getLogger(JobFolders.class);

    private final Path downloads;
    private final Path staging;
    private final Path backups;

    JobFolders(Path workDir) throws IOException {
        this.downloads = Files.createDirectories(workDir.resolve("downloads"));
        this.staging = Files.createDirectories(workDir.resolve("staging"));
        this.backups = Files.createDirectories(workDir.resolve("backup"));
    }

    /** Where a download grows; renamed to {@link #complete} when whole, so it is never taken for a package. */
    Path partial(long jobId) {
        return downloads.resolve("job" + jobId + ".part");
    }

    Path complete(long jobId) {
        return downloads.resolve("job" + jobId + ".pkg");
    }

    /** The job's staging folder, emptied. */
    Path freshStage(long jobId) {
        Path stage = staging.resolve("job" + jobId);
        deleteTree(stage);
        return stage;
    }

    /** The job's backup folder, emptied. */
    Path freshBackup(long jobId) {
        Path backup = backups.resolve("job" + jobId);
        deleteTree(backup);
        return backup;
    }

    void dropStage(long jobId) {
        deleteTree(staging.resolve("job" + jobId));
    }

    /** A partial file and the HTTP validator beside it. */
    void dropPartial(long jobId) {
        Path partial = partial(jobId);
        try {
            Files.deleteIfExists(partial);
            Files.deleteIfExists(partial.resolveSibling(partial.getFileName() + ".validator"));
        } catch (IOException e) {
            LOG.debug("OTA: {}", e.getMessage());
        }
    }

    /** After a commit: the package file, staging and other downloads go; the backups of this job stay (manual rollback), older ones go. */
    void afterCommit(JobRecord job) {
        try {
            if (!job.file().isEmpty()) {
                Files.deleteIfExists(Path.of(job.file()));
            }
        } catch (IOException e) {
            LOG.debug("OTA: {}", e.getMessage());
        }
        dropStage(job.jobId());
        String keep = "job" + job.jobId();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(backups)) {
            for (Path dir : dirs) {
                if (!dir.getFileName().toString().equals(keep)) {
                    deleteTree(dir);
                }
            }
        } catch (IOException e) {
            LOG.debug("OTA: {}", e.getMessage());
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(downloads)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.debug("OTA: {}", e.getMessage());
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.debug("OTA: cannot delete {}: {}", dir, e.getMessage());
        }
    }
}
