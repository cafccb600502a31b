package io.outpost.api.link;

/**
 * What kind of path a link uses, as the router weighs it. Published as the {@link LinkDescriptor#KIND} service
 * property by its {@link #code()}, never by ordinal.
 *
 * @since 1.3
 */
public enum LinkKind {
    /** Any IP path with a flat fee: Ethernet, DSL, Wi-Fi, a modem's PPP connection run by the OS. */
    WIRED("wired"),
    /** A mobile network's own services (SMS), paid per message or volume. */
    CELLULAR("cellular"),
    /** A satellite modem (Iridium SBD), the most expensive per byte. */
    SATELLITE("satellite");

    private final String code;

    LinkKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** @throws IllegalArgumentException for an unknown code */
    public static LinkKind ofCode(String code) {
        for (LinkKind k : values()) {
            if (k.code.equals(code)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown link kind '" + code + "' (wired, cellular, satellite)");
    }
}
