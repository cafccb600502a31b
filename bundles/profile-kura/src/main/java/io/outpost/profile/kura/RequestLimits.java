package io.outpost.profile.kura;

/** How large an inbound request may be, before and after gzip inflation; a bad value is refused naming the field. */
record RequestLimits(int maxRequestBytes, int maxInflatedRequestBytes) {

    RequestLimits {
        if (maxRequestBytes < 64 || maxRequestBytes > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("kura profile: 'maxRequestBytes' " + maxRequestBytes + " is out of range 64-16777216");
        }
        if (maxInflatedRequestBytes < maxRequestBytes || maxInflatedRequestBytes > 64 * 1024 * 1024) {
            throw new IllegalArgumentException("kura profile: 'maxInflatedRequestBytes' " + maxInflatedRequestBytes
                + " is out of range 'maxRequestBytes' (" + maxRequestBytes + ")-67108864");
        }
    }

    static RequestLimits from(KuraProfileConfig config) {
        return new RequestLimits(config.maxRequestBytes(), config.maxInflatedRequestBytes());
    }

    static RequestLimits defaults() {
        return new RequestLimits(256 * 1024, 1024 * 1024);
    }
}
