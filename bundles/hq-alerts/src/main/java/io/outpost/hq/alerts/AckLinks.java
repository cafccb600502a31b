package io.outpost.hq.alerts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.outpost.api.hq.alert.AckLinkCheck;

/**
 * Signed acknowledgement links for e-mails: {@code <publicUrl>/outpost-hq/ack?alert=<id>&exp=<epoch seconds>&sig=<
 * HMAC-SHA256 of "ack:<id>:<exp>", base64url>}. Anyone holding the link may acknowledge that one alert until
 * {@code exp}, and nothing else. Without a public URL or a secret there are no links. The links of 1.0 (no
 * {@code exp}, HMAC of {@code "ack:<id>"}) are still checked by {@link #verifyUnexpiring}.
 */
final class AckLinks {

    static final String PATH = "/outpost-hq/ack";

    private final String publicUrl;
    private final byte[] secret;
    private final Duration validity;
    private final Clock clock;

    AckLinks(String publicUrl, String secret, Duration validity, Clock clock) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.validity = validity;
        this.clock = clock;
    }

    boolean enabled() {
        return !publicUrl.isEmpty() && secret.length > 0;
    }

    /** A link valid from now for the configured validity; empty when links are off. */
    String link(long alertId) {
        if (!enabled()) {
            return "";
        }
        long expires = clock.instant().plus(validity).getEpochSecond();
        return publicUrl + PATH + "?alert=" + alertId + "&exp=" + expires + "&sig=" + sign("ack:" + alertId + ":" + expires);
    }

    AckLinkCheck check(long alertId, long expires, String signature) {
        if (secret.length == 0 || signature == null || !same(sign("ack:" + alertId + ":" + expires), signature)) {
            return AckLinkCheck.FORGED;
        }
        return clock.instant().getEpochSecond() >= expires ? AckLinkCheck.EXPIRED : AckLinkCheck.GENUINE;
    }

    boolean verifyUnexpiring(long alertId, String signature) {
        return secret.length > 0 && signature != null && same(sign("ack:" + alertId), signature);
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.length > 0 ? secret : new byte[1], "HmacSHA256"));
            byte[] sig = mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17", e);
        }
    }
}
