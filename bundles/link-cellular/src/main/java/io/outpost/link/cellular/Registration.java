package io.outpost.link.cellular;

import java.util.Optional;

/**
 * A +CREG/+CEREG registration status (TS 27.007): 0 not registered, 1 home, 2 searching, 3 denied, 4 unknown,
 * 5 roaming. The query answers {@code <n>,<stat>[,...]}, the URC {@code <stat>[,...]}.
 */
record Registration(int stat) {

    boolean registered() {
        return stat == 1 || stat == 5;
    }

    static Optional<Registration> ofQuery(String value) {
        String[] f = value.split(",");
        return f.length >= 2 ? number(f[1]).map(Registration::new) : Optional.empty();
    }

    static Optional<Registration> ofUrc(String value) {
        String[] f = value.split(",");
        // a URC with location info (stat,lac,ci) has its stat first; a query answer echoed as URC has n first
        return number(f[0]).map(Registration::new);
    }

    private static Optional<Integer> number(String s) {
        try {
            return Optional.of(Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
