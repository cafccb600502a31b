package io.outpost.request.dispatcher;

/**
 * One answered request as the audit keeps it. Fields that come from the network are made printable and cut to
 * {@link #MAX_FIELD} characters, so a hostile topic cannot forge audit lines.
 */
record AuditEntry(long epochMillis, String requester, String appId, String verb, String resource, String requestId, int code,
                  long durationMicros, String via) {

    static final int MAX_FIELD = 200;
    /** The entry point of requests on the MQTT control topics; not written in the line. */
    static final String VIA_MQTT = "mqtt";

    AuditEntry(long epochMillis, String requester, String appId, String verb, String resource, String requestId, int code,
            long durationMicros) {
        this(epochMillis, requester, appId, verb, resource, requestId, code, durationMicros, VIA_MQTT);
    }

    AuditEntry {
        requester = printable(requester);
        appId = printable(appId);
        verb = printable(verb);
        resource = printable(resource);
        requestId = printable(requestId);
        via = via == null ? VIA_MQTT : printable(via);
    }

    static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_FIELD));
        for (int i = 0; i < s.length() && out.length() < MAX_FIELD; i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || c == 0x7f || c == ' ' ? '_' : c);
        }
        return out.toString();
    }

    /** One line: {@code <iso time> requester=.. app=.. verb=.. resource=.. id=.. code=.. micros=..[ via=..]}; via only when not MQTT. */
    String line() {
        return java.time.Instant.ofEpochMilli(epochMillis) + " requester=" + requester + " app=" + appId + " verb=" + verb
            + " resource=" + resource + " id=" + requestId + " code=" + code + " micros=" + durationMicros
            + (VIA_MQTT.equals(via) ? "" : " via=" + via);
    }
}
