package io.outpost.api.ota;

import java.util.Locale;

/**
 * Where an update job is. The last three are final: {@link #COMMITTED} (the new version runs and stays),
 * {@link #ROLLED_BACK} (it was installed, failed its health check, and the previous version runs again) and
 * {@link #FAILED} (refused or failed before anything was changed on the gateway).
 */
public enum OtaState {
    DOWNLOADING, DOWNLOADED, VERIFYING, INSTALLING, CHECKING, COMMITTED, ROLLED_BACK, FAILED;

    public boolean isFinal() {
        return this == COMMITTED || this == ROLLED_BACK || this == FAILED;
    }

    /** The stable code written to disk and sent upstream, e.g. {@code rolled-back}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The state of a {@link #code()}. */
    public static OtaState ofCode(String code) {
        for (OtaState state : values()) {
            if (state.code().equals(code)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown OTA state '" + code + "'");
    }
}
