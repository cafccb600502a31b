package io.outpost.hq.alerts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;

/** Logs a recurring failure of a timer task when it starts and when its message changes, not every pass. */
final class ProblemOnce {

    private final Map<String, String> last = new ConcurrentHashMap<>();

    void report(Logger log, String what, Exception e) {
        String message = String.valueOf(e.getMessage());
        if (!message.equals(last.put(what, message))) {
            log.warn("{} failed (logged again only when the error changes): {}", what, message);
        }
    }
}
