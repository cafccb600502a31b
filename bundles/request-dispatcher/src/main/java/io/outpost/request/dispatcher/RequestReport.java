package io.outpost.request.dispatcher;

import java.util.List;

/** The text of {@code outpost:requests}. */
record RequestReport(List<String> appIds, Authorization authorization, RequestCounters counters, long auditFailures) {

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append("applications:\n");
        if (appIds.isEmpty()) {
            out.append("  none (install a handler bundle, e.g. io.outpost.request.handlers)\n");
        }
        for (String app : appIds) {
            out.append("  ").append(app).append("  allowed: ").append(String.join(",", authorization.requestersOf(app))).append('\n');
        }
        out.append("replies: ").append(counters.replyCount());
        long replies = counters.replyCount();
        if (replies > 0) {
            out.append(" (mean ").append(counters.totalMicros() / replies).append(" us)");
        }
        out.append('\n');
        counters.replies().forEach((appAndCode, n) -> out.append("  ").append(appAndCode).append(": ").append(n).append('\n'));
        out.append("unanswerable (bad request.id or requester.client.id): ").append(counters.unanswerable()).append('\n');
        out.append("not requests (own lifecycle, replies, notifications): ").append(counters.notRequests()).append('\n');
        out.append("replies the outbox refused: ").append(counters.replyRefused()).append('\n');
        out.append("audit write failures: ").append(auditFailures).append('\n');
        return out.toString();
    }
}
