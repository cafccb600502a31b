package io.outpost.hq.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ProblemLogTest {

    @Test
    void logsEachKindOncePerInterval() {
        AtomicLong now = new AtomicLong();
        ProblemLog log = new ProblemLog(LoggerFactory.getLogger(ProblemLogTest.class), 60_000, now::get);
        int lines = 0;
        for (int i = 0; i < 1000; i++) {
            lines += log.report("malformed payload", "#" + i) ? 1 : 0;
            lines += log.report("unknown topic", "#" + i) ? 1 : 0;
        }
        assertEquals(2, lines, "the first of each kind");
        now.addAndGet(61_000_000_000L);
        assertEquals(true, log.report("malformed payload", "late"));
        assertEquals(false, log.report("malformed payload", "later"));
    }
}
