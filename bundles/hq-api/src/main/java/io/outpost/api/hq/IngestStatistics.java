package io.outpost.api.hq;

import java.util.Map;

/**
 * What ingest did since it started, by outcome ({@code stored}, {@code duplicate}, {@code lifecycle},
 * {@code rate-limited}, {@code malformed}, ...) and by problem kind. Counts are per HQ instance.
 */
public interface IngestStatistics {

    /** Outcome or problem name to count, sorted by name. */
    Map<String, Long> counters();
}
