package io.outpost.ota;

import java.io.IOException;

/** A download that cannot complete; the message says why, for an operator and for HQ. */
class DownloadException extends IOException {

    private static final long serialVersionUID = 1L;

    DownloadException(String message) {
        super(message);
    }

    DownloadException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The job was cancelled (DEPLOY-V2 DEL download) while downloading. */
    static final class Cancelled extends DownloadException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("Download cancelled");
        }
    }
}
