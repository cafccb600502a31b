package io.outpost.webconsole.security;

import java.util.Locale;
import java.util.Set;

/**
 * The cross-site request forgery check for state-changing requests (every method but GET, HEAD, OPTIONS): the
 * browser's {@code Origin} (or, without it, the {@code Referer}) must be the console's own origin, and
 * {@code Sec-Fetch-Site}, when sent, must not be {@code cross-site} or {@code same-site}. The Web Console's own
 * forms and scripts send no token, so the standard headers are what every browser request can be checked on.
 */
final class CrossSiteCheck {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private CrossSiteCheck() {
    }

    /** Null when the request may go on, else why it is refused. */
    static String refusal(String method, String scheme, String host, String origin, String referer, String fetchSite) {
        if (SAFE.contains(method.toUpperCase(Locale.ROOT))) {
            return null;
        }
        if (host == null || host.isBlank()) {
            return "cross-site request refused: no Host header";
        }
        String own = scheme.toLowerCase(Locale.ROOT) + "://" + host.trim().toLowerCase(Locale.ROOT);
        if (fetchSite != null && (fetchSite.equalsIgnoreCase("cross-site") || fetchSite.equalsIgnoreCase("same-site"))) {
            return "cross-site request refused: Sec-Fetch-Site is " + fetchSite;
        }
        if (origin != null && !origin.equals("null")) {
            return origin.toLowerCase(Locale.ROOT).equals(own) ? null : "cross-site request refused: Origin " + origin + " is not " + own;
        }
        if (referer != null) {
            String r = referer.toLowerCase(Locale.ROOT);
            return r.equals(own) || r.startsWith(own + "/") ? null : "cross-site request refused: Referer is not on " + own;
        }
        return "cross-site request refused: neither Origin nor Referer names " + own;
    }
}
