package io.outpost.api.link;

import java.util.Objects;

/**
 * This link cannot carry this message: it is too large for the link, or of a class the link does not carry. The
 * message is not at fault for any other link: a router keeps it for another link (or until one that fits comes),
 * and the link stays usable. Sending the same message on the same link fails again.
 *
 * <p>A delivery has three outcomes: the stage completes normally (confirmed by the far end); it fails with this
 * exception or a {@link MessageTooLargeException} (does not fit this link); it fails with anything else (failed
 * this time, try again later).
 *
 * @since 1.4
 */
public class DoesNotFitException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Why the message does not fit. Stable names. */
    public enum Reason {
        /** Larger than the link can carry, even split into several of its messages. */
        TOO_LARGE,
        /** The link does not carry messages of this class. */
        CLASS_NOT_ALLOWED
    }

    private final String link;
    private final Reason reason;

    public DoesNotFitException(String link, Reason reason, String detail) {
        super("link '" + link + "': " + detail);
        this.link = Objects.requireNonNull(link, "link");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public String link() {
        return link;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * Whether a delivery failure means "does not fit this link" rather than "try again": this exception, a
     * {@link MessageTooLargeException}, or any other {@link IllegalArgumentException} (the link cannot encode the
     * message), also wrapped once in a {@code CompletionException}.
     */
    public static boolean isDoesNotFit(Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return t instanceof IllegalArgumentException;
    }
}
