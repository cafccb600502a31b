package io.outpost.ota;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.outpost.api.ota.OtaJob;
import io.outpost.api.ota.OtaState;

/**
 * Everything the journal keeps about the one job it tracks. Immutable; every change makes a new record, which the
 * {@link InstallJournal} writes before the step it announces is taken.
 *
 * @param operation         {@code install} or {@code uninstall}
 * @param source            a URL or a local file path (credentials are never stored)
 * @param requester         the DEPLOY-V2 requester notifications go to; empty for local jobs
 * @param installAfter      whether the install follows the download at once ({@code dp.install})
 * @param expectedSha256    {@code dp.download.hash} as lower-case hex, empty when none was given
 * @param signatureText     the detached signature, empty until known
 * @param signatureSource   where to fetch the signature from when it was not given, empty when none
 * @param file              the complete package file, empty until downloaded
 * @param bootId            which run of the gateway wrote the record (tells a restart from a self-update)
 * @param reported          whether the final outcome went upstream
 * @param selfUpdate        whether the package updates the OTA bundle itself
 * @param needLink          whether a link was up before the install, so the health check waits for one again
 */
record JobRecord(String operation, long jobId, String name, String version, String source, String requester,
                 boolean installAfter, String expectedSha256, String signatureText, String signatureSource, OtaState state,
                 long bytesDone, long bytesTotal, int blockSize, int notifyBlockSize, String file, String signatureOutcome,
                 String health, String message, List<TouchedBundle> touched, String bootId, boolean reported,
                 boolean selfUpdate, boolean needLink, long updatedAt) {

    static final String FORMAT = "1";

    JobRecord {
        touched = List.copyOf(touched);
    }

    JobRecord withState(OtaState newState, String newMessage, long now) {
        return new JobRecord(operation, jobId, name, version, source, requester, installAfter, expectedSha256, signatureText,
            signatureSource, newState, bytesDone, bytesTotal, blockSize, notifyBlockSize, file, signatureOutcome, health,
            newMessage, touched, bootId, false, selfUpdate, needLink, now);
    }

    JobRecord withProgress(long done, long total) {
        return new JobRecord(operation, jobId, name, version, source, requester, installAfter, expectedSha256, signatureText,
            signatureSource, state, done, total, blockSize, notifyBlockSize, file, signatureOutcome, health, message, touched,
            bootId, reported, selfUpdate, needLink, updatedAt);
    }

    JobRecord withFile(String packageFile) {
        return new JobRecord(operation, jobId, name, version, source, requester, installAfter, expectedSha256, signatureText,
            signatureSource, state, bytesDone, bytesTotal, blockSize, notifyBlockSize, packageFile, signatureOutcome, health,
            message, touched, bootId, reported, selfUpdate, needLink, updatedAt);
    }

    JobRecord withSignature(String text, String outcome) {
        return new JobRecord(operation, jobId, name, version, source, requester, installAfter, expectedSha256, text,
            signatureSource, state, bytesDone, bytesTotal, blockSize, notifyBlockSize, file, outcome, health, message, touched,
            bootId, reported, selfUpdate, needLink, updatedAt);
    }

    JobRecord withPackage(String packageName, String packageVersion, List<TouchedBundle> bundles, boolean updatesItself, boolean linkWasUp) {
        return new JobRecord(operation, jobId, packageName, packageVersion, source, requester, installAfter, expectedSha256,
            signatureText, signatureSource, state, bytesDone, bytesTotal, blockSize, notifyBlockSize, file, signatureOutcome,
            health, message, bundles, bootId, reported, updatesItself, linkWasUp, updatedAt);
    }

    JobRecord withHealth(String result) {
        return new JobRecord(operation, jobId, name, version, source, requester, installAfter, expectedSha256, signatureText,
            signatureSource, state, bytesDone, bytesTotal, blockSize, notifyBlockSize, file, signatureOutcome, result, message,
            touched, bootId, reported, selfUpdate, needLink, updatedAt);
    }

    JobRecord withBoot(String boot) {
        return new JobRecord(operation, jobId, name, version, source, requester, installAfter, expectedSha256, signatureText,
            signatureSource, state, bytesDone, bytesTotal, blockSize, notifyBlockSize, file, signatureOutcome, health, message,
            touched, boot, reported, selfUpdate, needLink, updatedAt);
    }

    JobRecord asReported() {
        return new JobRecord(operation, jobId, name, version, source, requester, installAfter, expectedSha256, signatureText,
            signatureSource, state, bytesDone, bytesTotal, blockSize, notifyBlockSize, file, signatureOutcome, health, message,
            touched, bootId, true, selfUpdate, needLink, updatedAt);
    }

    OtaJob view() {
        return new OtaJob(jobId, name, version, source, state, bytesDone, bytesTotal, signatureOutcome, health, message, updatedAt);
    }

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("operation", operation);
        p.setProperty("job.id", Long.toString(jobId));
        p.setProperty("name", name);
        p.setProperty("version", version);
        p.setProperty("source", source);
        p.setProperty("requester", requester);
        p.setProperty("install.after", Boolean.toString(installAfter));
        p.setProperty("sha256.expected", expectedSha256);
        p.setProperty("signature", signatureText);
        p.setProperty("signature.source", signatureSource);
        p.setProperty("state", state.code());
        p.setProperty("bytes.done", Long.toString(bytesDone));
        p.setProperty("bytes.total", Long.toString(bytesTotal));
        p.setProperty("block.size", Integer.toString(blockSize));
        p.setProperty("notify.block.size", Integer.toString(notifyBlockSize));
        p.setProperty("file", file);
        p.setProperty("signature.outcome", signatureOutcome);
        p.setProperty("health", health);
        p.setProperty("message", message);
        p.setProperty("touched.count", Integer.toString(touched.size()));
        for (int i = 0; i < touched.size(); i++) {
            p.setProperty("touched." + i, touched.get(i).encode());
        }
        p.setProperty("boot", bootId);
        p.setProperty("reported", Boolean.toString(reported));
        p.setProperty("self.update", Boolean.toString(selfUpdate));
        p.setProperty("need.link", Boolean.toString(needLink));
        p.setProperty("updated.at", Long.toString(updatedAt));
        return p;
    }

    /** @throws IllegalArgumentException naming the field when the record is not one this version wrote */
    static JobRecord fromProperties(Properties p) {
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new IllegalArgumentException("journal: 'format' is '" + p.getProperty("format") + "', expected " + FORMAT);
        }
        int count = integer(p, "touched.count");
        List<TouchedBundle> touched = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            touched.add(TouchedBundle.decode(text(p, "touched." + i)));
        }
        return new JobRecord(text(p, "operation"), number(p, "job.id"), text(p, "name"), text(p, "version"), text(p, "source"),
            text(p, "requester"), Boolean.parseBoolean(text(p, "install.after")), text(p, "sha256.expected"), text(p, "signature"),
            text(p, "signature.source"), OtaState.ofCode(text(p, "state")), number(p, "bytes.done"), number(p, "bytes.total"),
            integer(p, "block.size"), integer(p, "notify.block.size"), text(p, "file"), text(p, "signature.outcome"),
            text(p, "health"), text(p, "message"), touched, text(p, "boot"), Boolean.parseBoolean(text(p, "reported")),
            Boolean.parseBoolean(text(p, "self.update")), Boolean.parseBoolean(text(p, "need.link")), number(p, "updated.at"));
    }

    private static String text(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("journal: '" + key + "' is missing");
        }
        return value;
    }

    private static long number(Properties p, String key) {
        try {
            return Long.parseLong(text(p, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("journal: '" + key + "' is not a number");
        }
    }

    private static int integer(Properties p, String key) {
        long n = number(p, key);
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("journal: '" + key + "' is out of range");
        }
        return (int) n;
    }
}
