package io.outpost.link.satellite;

import java.util.Optional;

/**
 * The answer to AT+SBDIX: {@code +SBDIX: <MO status>, <MOMSN>, <MT status>, <MTMSN>, <MT length>, <MT queued>}.
 * MO status 0-4 means the mobile-originated message (if any) went out; 5 and above is a failed session. MT status 1
 * means a mobile-terminated message is in the modem's buffer.
 */
record SbdixResult(int moStatus, int momsn, int mtStatus, int mtmsn, int mtLength, int mtQueued) {

    boolean moSent() {
        return moStatus >= 0 && moStatus <= 4;
    }

    boolean mtReceived() {
        return mtStatus == 1;
    }

    /** Parses the value after {@code +SBDIX:}; empty when it is not six integers. */
    static Optional<SbdixResult> parse(String value) {
        String[] f = value.split(",");
        if (f.length != 6) {
            return Optional.empty();
        }
        int[] n = new int[6];
        try {
            for (int i = 0; i < 6; i++) {
                n[i] = Integer.parseInt(f[i].trim());
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new SbdixResult(n[0], n[1], n[2], n[3], n[4], n[5]));
    }
}
