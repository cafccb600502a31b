package io.outpost.hq.ingest;

/** What ingest did with one MQTT message; {@link #counter()} is its name in the statistics. */
enum IngestOutcome {
    STORED("stored"),
    DUPLICATE("duplicate"),
    LIFECYCLE("lifecycle"),
    IGNORED("ignored"),
    REJECTED_TOPIC("rejected-topic"),
    TOO_LARGE("too-large"),
    MALFORMED("malformed"),
    NO_DECODER("no-decoder"),
    RATE_LIMITED("rate-limited"),
    STORE_FAILED("store-failed");

    private final String counter;

    IngestOutcome(String counter) {
        this.counter = counter;
    }

    String counter() {
        return counter;
    }
}
