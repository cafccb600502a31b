package io.outpost.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's epoch: a random number made when the store is created, kept in the file {@code epoch} of the store
 * directory (its decimal digits and a newline, replaced atomically) and in every segment header. It travels with
 * every message beside its id, so a receiver tells the ids of a store apart from those of the store that came
 * before it (wiped, reinstalled). Between 1 and 2<sup>53</sup>-1: a JSON parser that reads numbers as doubles keeps
 * it exact, and 0 stays free for "no epoch".
 */
final class StoreEpoch {

    static final String FILE = "epoch";
    static final long MAX = (1L << 53) - 1;
    private static final Logger LOG = LoggerFactory.getLogger(StoreEpoch.class);

    private StoreEpoch() {
    }

    static boolean isValid(long epoch) {
        return epoch >= 1 && epoch <= MAX;
    }

    static long fresh(RandomGenerator random) {
        return 1 + random.nextLong(MAX);
    }

    /** The epoch kept in the directory, or 0 when there is none or it is unreadable (logged). */
    static long read(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
            long epoch = Long.parseLong(text);
            if (isValid(epoch)) {
                return epoch;
            }
            LOG.warn("outbox store {}: epoch file holds {}, not a number in 1..{}; ignored", dir, text, MAX);
        } catch (NoSuchFileException none) {
            return 0;
        } catch (IOException | NumberFormatException e) {
            LOG.warn("outbox store {}: epoch file is unreadable ({}); ignored", dir, e.toString());
        }
        return 0;
    }

    static void write(Path dir, long epoch) throws IOException {
        DurableFiles.writeAtomically(dir.resolve(FILE), (epoch + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
