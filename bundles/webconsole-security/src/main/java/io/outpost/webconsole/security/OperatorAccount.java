package io.outpost.webconsole.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one operator account: a user name and a password hash. The hash comes from the configuration, or from the
 * hash file written when the password was generated. On the first start without either, a 20-character password is
 * generated, written once to the password file (0600) and only its hash is kept after that.
 */
record OperatorAccount(String user, PasswordHash hash) {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorAccount.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    static final int GENERATED_LENGTH = 20;

    static OperatorAccount load(String user, String configuredHash, Path passwordFile, Path hashFile, SecureRandom random)
        throws IOException {
        if (user.isBlank()) {
            throw new IllegalArgumentException("web console: field 'user' must not be empty");
        }
        if (!configuredHash.isBlank()) {
            return new OperatorAccount(user, PasswordHash.parse("passwordHash", configuredHash));
        }
        if (Files.exists(hashFile)) {
            return new OperatorAccount(user, PasswordHash.parse(hashFile.toString(), Files.readString(hashFile, StandardCharsets.UTF_8)));
        }
        char[] password = generate(random);
        PasswordHash hash = PasswordHash.of(password, random);
        OwnerOnlyFiles.createNew(passwordFile, "user=" + user + "\npassword=" + new String(password) + "\n");
        OwnerOnlyFiles.createNew(hashFile, hash.written() + "\n");
        LOG.warn("web console: generated the password of user '{}'; it is in {} (readable by this user only). "
            + "Read it, then delete the file; the console keeps only its hash ({})", user, passwordFile, hashFile);
        return new OperatorAccount(user, hash);
    }

    static char[] generate(SecureRandom random) {
        char[] password = new char[GENERATED_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return password;
    }

    boolean accepts(String user, String password) {
        // always derive, so a wrong user name costs as much time as a wrong password
        boolean passwordOk = hash.matches(password.toCharArray());
        return passwordOk && this.user.equals(user);
    }
}
