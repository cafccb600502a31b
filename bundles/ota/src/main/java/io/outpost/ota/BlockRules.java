package io.outpost.ota;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a block from the publisher must be to be appended ({@link MqttBlockSource}): the next one, no larger than the
 * block size, inside the package size the publisher gave first; and that size within {@code maxPackageBytes} and the
 * free disk. Each problem is a sentence naming the field, for the 400 reply and the log.
 */
final class BlockRules {

    private final long maxBytes;
    private final long minFreeBytes;

    BlockRules(long maxBytes, long minFreeBytes) {
        this.maxBytes = maxBytes;
        this.minFreeBytes = minFreeBytes;
    }

    /**
     * @param knownTotal the size given by the first block, -1 before it
     * @param total      the size this block gives ({@code dp.download.size}), -1 when missing
     */
    static Optional<String> blockProblem(long knownTotal, int blockSize, long offset, long total, int length) {
        if (total < 0) {
            return Optional.of("metric 'dp.download.size' (the package size) is missing");
        }
        if (knownTotal >= 0 && total != knownTotal) {
            return Optional.of("metric 'dp.download.size' " + total + " is not the size " + knownTotal + " of the first block");
        }
        if (length > blockSize) {
            return Optional.of("block of " + length + " bytes is larger than the block size " + blockSize);
        }
        if (offset + length > total) {
            return Optional.of("block at offset " + offset + " of " + length + " bytes ends after the package size " + total);
        }
        if (length == 0 && offset < total) {
            return Optional.of("empty block at offset " + offset + " of " + total);
        }
        return Optional.empty();
    }

    /** The size the first block gives: within maxPackageBytes, and the rest of it fits the free disk of {@code dir}. */
    Optional<String> sizeProblem(long total, long have, Path dir) {
        if (total > maxBytes) {
            return Optional.of("the package is " + total + " bytes, more than 'maxPackageBytes' " + maxBytes);
        }
        try {
            long usable = Files.getFileStore(dir).getUsableSpace();
            if (usable < total - have + minFreeBytes) {
                return Optional.of("not enough free disk for the package: " + (total - have) + " bytes needed plus 'minFreeBytes' "
                    + minFreeBytes + ", " + usable + " free");
            }
        } catch (IOException e) {
            return Optional.of("cannot read the free disk: " + e.getMessage());
        }
        return Optional.empty();
    }
}
