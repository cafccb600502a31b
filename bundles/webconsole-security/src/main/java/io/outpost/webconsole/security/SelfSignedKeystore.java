package io.outpost.webconsole.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate made by the JDK's own {@code keytool} (in {@code java.home/bin}), run as a process: the
 * JDK has no public API that signs a certificate, and its internal {@code sun.security.x509} classes are not an API.
 * The key (EC P-256) and certificate go to a new PKCS#12 file (0600); its random password to a file beside it (0600),
 * passed to keytool as a file, never on its command line.
 */
final class SelfSignedKeystore {

    private SelfSignedKeystore() {
    }

    /** The key store's password; creates the key store and the password file first if they are missing. */
    static String ensure(Path keystore, Path passwordFile, String subjectAltNames) throws IOException {
        if (Files.exists(keystore) && Files.exists(passwordFile)) {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
        }
        Files.deleteIfExists(keystore);
        Files.deleteIfExists(passwordFile);
        String password = new String(OperatorAccount.generate(new SecureRandom())) + new String(OperatorAccount.generate(new SecureRandom()));
        OwnerOnlyFiles.createNew(passwordFile, password + "\n");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-noprompt", "-alias", "outpost-console",
            "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "3650",
            "-dname", "CN=Outpost gateway console", "-ext", "SAN=" + subjectAltNames, "-storetype", "PKCS12",
            "-keystore", keystore.toString(), "-storepass:file", passwordFile.toString(), "-keypass:file", passwordFile.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output;
            try (var in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool did not finish within 120 s");
            }
            if (process.exitValue() != 0 || !Files.exists(keystore)) {
                throw new IOException("keytool failed (exit " + process.exitValue() + "): " + output);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
        Files.setPosixFilePermissions(keystore, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return password;
    }
}
