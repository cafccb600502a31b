package io.outpost.request.dispatcher;

/** Where answered requests are recorded. */
interface AuditTrail {

    void record(AuditEntry entry);

    AuditTrail NONE = entry -> { };
}
