package io.outpost.codec.compact;

/**
 * Remembers which sequence numbers of one sender were accepted: the highest one and a 64-number window below it,
 * so frames that arrive out of order (SBD and SMS both reorder) are still accepted once and only once.
 * Not thread-safe; {@link FrameOpener} guards it.
 */
public final class ReplayWindow {

    public static final int WIDTH = 64;

    private long highest;
    private long seen;

    /**
     * Starts above {@code highestAccepted} (0 for a fresh sender), e.g. restored from storage: everything up to it
     * counts as seen, so a late frame from before a restart is refused rather than possibly accepted twice.
     */
    public ReplayWindow(long highestAccepted) {
        this.highest = highestAccepted;
        this.seen = highestAccepted > 0 ? -1L : 0;
    }

    /** Whether {@code sequence} would be accepted, without recording it. */
    public boolean isFresh(long sequence) {
        if (sequence > highest) {
            return true;
        }
        long age = highest - sequence;
        return age < WIDTH && (seen & (1L << age)) == 0 && sequence > 0;
    }

    /** Records {@code sequence}; call only after {@link #isFresh} and after the frame proved authentic. */
    public void accept(long sequence) {
        if (sequence > highest) {
            long shift = sequence - highest;
            seen = shift >= WIDTH ? 1 : (seen << shift) | 1;
            highest = sequence;
        } else {
            seen |= 1L << (highest - sequence);
        }
    }

    public long highest() {
        return highest;
    }
}
