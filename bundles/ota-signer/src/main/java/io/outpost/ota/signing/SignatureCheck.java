package io.outpost.ota.signing;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a package's SHA-256 against its detached signature and a set of trusted public keys (several, so keys can
 * be rotated: a gateway trusts the old and the new key until every package is signed with the new one). Immutable.
 */
public final class SignatureCheck {

    /** What a check found; only {@link #VALID} lets a package be installed. */
    public enum Outcome {
        VALID, UNSIGNED, MALFORMED, TAMPERED, UNTRUSTED, INVALID;

        /** The stable code used on the wire and in the journal. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** @param reason for an operator; names the key id where one is known */
    public record Verdict(Outcome outcome, String reason) {
        public boolean valid() {
            return outcome == Outcome.VALID;
        }
    }

    private final Map<String, PublicKey> trusted;

    public SignatureCheck(List<PublicKey> trustedKeys) {
        Map<String, PublicKey> byId = new LinkedHashMap<>();
        for (PublicKey key : trustedKeys) {
            byId.put(SigningKeys.keyId(key), key);
        }
        this.trusted = Map.copyOf(byId);
    }

    public int trustedKeyCount() {
        return trusted.size();
    }

    /**
     * @param sha256        the SHA-256 of the package as received (computed by the caller over the file)
     * @param signatureText the signature file's text; null or blank when the package came without one
     */
    public Verdict check(byte[] sha256, String signatureText) {
        if (signatureText == null || signatureText.isBlank()) {
            return new Verdict(Outcome.UNSIGNED, "the package has no signature");
        }
        PackageSignature signature;
        try {
            signature = PackageSignature.parse(signatureText);
        } catch (IllegalArgumentException e) {
            return new Verdict(Outcome.MALFORMED, e.getMessage());
        }
        PublicKey key = trusted.get(signature.keyId());
        if (key == null) {
            return new Verdict(Outcome.UNTRUSTED, "signed by key " + signature.keyId() + ", which is not among the "
                + trusted.size() + " trusted keys");
        }
        if (!MessageDigest.isEqual(sha256, signature.sha256())) {
            return new Verdict(Outcome.TAMPERED, "the package's SHA-256 " + HexFormat.of().formatHex(sha256)
                + " is not the signed " + HexFormat.of().formatHex(signature.sha256()));
        }
        try {
            Signature verifier = Signature.getInstance(SigningKeys.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(PackageSignature.signedMessage(sha256));
            if (verifier.verify(signature.signature())) {
                return new Verdict(Outcome.VALID, "signed by trusted key " + signature.keyId());
            }
        } catch (GeneralSecurityException e) {
            return new Verdict(Outcome.INVALID, "signature by key " + signature.keyId() + " does not verify: " + e.getMessage());
        }
        return new Verdict(Outcome.INVALID, "signature by key " + signature.keyId() + " does not verify");
    }
}
