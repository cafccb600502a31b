package io.outpost.request.dispatcher;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the dispatcher did, counted: replies per app id and code, messages on the control filter that were not
 * requests, unanswerable ones (no valid request id or requester), and replies the upstream refused.
 */
final class RequestCounters {

    private final Map<String, LongAdder> replies = new ConcurrentHashMap<>();
    private final LongAdder notRequests = new LongAdder();
    private final LongAdder unanswerable = new LongAdder();
    private final LongAdder replyRefused = new LongAdder();
    private final LongAdder totalMicros = new LongAdder();

    void countReply(String appId, int code, long micros) {
        replies.computeIfAbsent(AuditEntry.printable(appId) + " " + code, k -> new LongAdder()).increment();
        totalMicros.add(micros);
    }

    void countNotARequest() {
        notRequests.increment();
    }

    void countUnanswerable() {
        unanswerable.increment();
    }

    void countReplyRefused() {
        replyRefused.increment();
    }

    /** A copy for reading: {@code "<app> <code>"} → count, sorted. */
    Map<String, Long> replies() {
        Map<String, Long> copy = new TreeMap<>();
        replies.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    long replyCount() {
        return replies.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long notRequests() {
        return notRequests.sum();
    }

    long unanswerable() {
        return unanswerable.sum();
    }

    long replyRefused() {
        return replyRefused.sum();
    }

    long totalMicros() {
        return totalMicros.sum();
    }
}
