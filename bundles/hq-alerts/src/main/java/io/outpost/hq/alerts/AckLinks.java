package io.outpost.hq.alerts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed acknowledgement links for e-mails: {@code <publicUrl>/outpost-hq/ack?alert=<id>&sig=<HMAC-SHA256 of
 * "ack:<id>", base64url>}. Anyone holding the link may acknowledge that one alert and nothing else. Without a
 * public URL or a secret there are no links.
 */
final class AckLinks {

    static final String PATH = "/outpost-hq/ack";

    private final String publicUrl;
    private final byte[] secret;

    AckLinks(String publicUrl, String secret) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    boolean enabled() {
        return !publicUrl.isEmpty() && secret.length > 0;
    }

    String link(long alertId) {
        return enabled() ? publicUrl + PATH + "?alert=" + alertId + "&sig=" + signature(alertId) : "";
    }

    boolean verify(long alertId, String signature) {
        if (secret.length == 0 || signature == null) {
            return false;
        }
        return MessageDigest.isEqual(signature(alertId).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    String signature(long alertId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.length > 0 ? secret : new byte[1], "HmacSHA256"));
            byte[] sig = mac.doFinal(("ack:" + alertId).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17", e);
        }
    }
}
