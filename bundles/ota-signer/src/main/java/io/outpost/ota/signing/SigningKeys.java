package io.outpost.ota.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys as text: the private key as a PKCS#8 PEM file (owner-only permissions), the public key as one line
 * of base64 (its X.509 SubjectPublicKeyInfo), which is what a gateway's {@code trustedKeys} configuration holds.
 * A key's id is the first 8 bytes of the SHA-256 of that encoding, in hex; a signature names the key by its id.
 */
public final class SigningKeys {

    public static final String ALGORITHM = "Ed25519";
    private static final String PRIVATE_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PRIVATE_END = "-----END PRIVATE KEY-----";

    private SigningKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no " + ALGORITHM, e);
        }
    }

    /** Writes the private key as PEM, readable by its owner only (where the file system knows permissions). */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        String pem = PRIVATE_BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded()) + "\n" + PRIVATE_END + "\n";
        Files.deleteIfExists(file);
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // e.g. a FAT-formatted stick: the operator keeps the file safe
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = text.indexOf(PRIVATE_BEGIN);
        int end = text.indexOf(PRIVATE_END);
        if (begin < 0 || end < begin) {
            throw new IOException(file + " is not a PEM private key (" + PRIVATE_BEGIN + ")");
        }
        String body = text.substring(begin + PRIVATE_BEGIN.length(), end).replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " does not hold an " + ALGORITHM + " private key: " + e.getMessage(), e);
        }
    }

    /** The public key as one line of base64 (X.509 encoding). */
    public static String publicKeyText(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** Parses a public key from one base64 line (X.509 encoding) or a PEM "PUBLIC KEY" block. */
    public static PublicKey parsePublicKey(String text) {
        String body = text.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        if (body.isEmpty()) {
            throw new IllegalArgumentException("empty public key");
        }
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 " + ALGORITHM + " public key (X.509 encoding): " + e.getMessage(), e);
        }
    }

    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
