package io.outpost.ota.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A detached signature file ({@code <package>.sig}), plain text, one {@code field value} per line:
 * <pre>
 * outpost-ota-signature 1
 * algorithm Ed25519
 * key 3f9a0c1d2e4b5a67
 * sha256 &lt;64 hex digits of the package's SHA-256&gt;
 * signature &lt;base64 Ed25519 signature&gt;
 * </pre>
 * The signed message is {@link #SIGNED_PREFIX} followed by the 32 bytes of the package's SHA-256, so a signature
 * cannot be replayed as anything but an OTA package signature. Immutable.
 */
public record PackageSignature(String keyId, byte[] sha256, byte[] signature) {

    public static final String FORMAT = "outpost-ota-signature";
    public static final String FORMAT_VERSION = "1";
    static final byte[] SIGNED_PREFIX = "outpost-ota-signature-1\n".getBytes(StandardCharsets.US_ASCII);

    public PackageSignature {
        sha256 = sha256.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    static byte[] signedMessage(byte[] sha256) {
        byte[] message = new byte[SIGNED_PREFIX.length + sha256.length];
        System.arraycopy(SIGNED_PREFIX, 0, message, 0, SIGNED_PREFIX.length);
        System.arraycopy(sha256, 0, message, SIGNED_PREFIX.length, sha256.length);
        return message;
    }

    public String toText() {
        return FORMAT + " " + FORMAT_VERSION + "\n"
            + "algorithm " + SigningKeys.ALGORITHM + "\n"
            + "key " + keyId + "\n"
            + "sha256 " + HexFormat.of().formatHex(sha256) + "\n"
            + "signature " + Base64.getEncoder().encodeToString(signature) + "\n";
    }

    /**
     * Parses a signature file.
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public static PackageSignature parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            int space = l.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("signature line '" + cut(l) + "' is not 'field value'");
            }
            fields.putIfAbsent(l.substring(0, space), l.substring(space + 1).strip());
        }
        if (!FORMAT_VERSION.equals(fields.get(FORMAT))) {
            throw new IllegalArgumentException("signature: '" + FORMAT + "' must be " + FORMAT_VERSION + ", is '" + cut(fields.get(FORMAT)) + "'");
        }
        if (!SigningKeys.ALGORITHM.equals(fields.get("algorithm"))) {
            throw new IllegalArgumentException("signature: 'algorithm' must be " + SigningKeys.ALGORITHM + ", is '" + cut(fields.get("algorithm")) + "'");
        }
        String key = require(fields, "key");
        if (!key.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("signature: 'key' must be 16 lower-case hex digits, is '" + cut(key) + "'");
        }
        byte[] sha;
        try {
            sha = HexFormat.of().parseHex(require(fields, "sha256"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signature: 'sha256' is not hex");
        }
        if (sha.length != 32) {
            throw new IllegalArgumentException("signature: 'sha256' must be 64 hex digits");
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(require(fields, "signature"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signature: 'signature' is not base64");
        }
        if (sig.length != 64) {
            throw new IllegalArgumentException("signature: 'signature' must be 64 bytes, is " + sig.length);
        }
        return new PackageSignature(key, sha, sig);
    }

    private static String require(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("signature: '" + name + "' is missing");
        }
        return value;
    }

    private static String cut(String s) {
        if (s == null) {
            return "";
        }
        String printable = s.replaceAll("[^\\x20-\\x7e]", "_");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
