package io.outpost.api.link;

import java.util.ArrayList;
import java.util.List;

/**
 * What a link costs, in the installation's one currency: per kilobyte carried (1 KB = 1000 bytes), per message or
 * session (an SMS, an SBD mobile-originated session) and a monthly fee. Every figure is finite and not negative.
 *
 * @since 1.3
 */
public record LinkCost(double perKilobyte, double perMessage, double monthlyFee) {

    /** A link that costs nothing to use. */
    public static final LinkCost FREE = new LinkCost(0, 0, 0);

    public LinkCost {
        List<String> problems = new ArrayList<>();
        check(problems, "perKilobyte", perKilobyte);
        check(problems, "perMessage", perMessage);
        check(problems, "monthlyFee", monthlyFee);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** What sending one message of {@code bytes} costs, the monthly fee aside. */
    public double of(long bytes) {
        return perMessage + perKilobyte * bytes / 1000.0;
    }

    /**
     * What sending one message costs on the wire, the monthly fee aside: per message for each part, per kilobyte for
     * all bytes.
     *
     * @since 1.4
     */
    public double of(WireSize size) {
        return perMessage * size.parts() + perKilobyte * size.bytes() / 1000.0;
    }

    /** Whether using the link costs nothing beyond its monthly fee (a flat-rate line). @since 1.4 */
    public boolean flatRate() {
        return perKilobyte == 0 && perMessage == 0;
    }

    private static void check(List<String> problems, String field, double value) {
        if (!Double.isFinite(value) || value < 0) {
            problems.add("'" + field + "' " + value + " must be a finite amount of at least 0");
        }
    }
}
