package io.outpost.hq.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.hq.token.ApiTokens;
import io.outpost.api.hq.token.IssuedToken;

/**
 * On a database without any API token, creates the token {@code admin} and writes its secret to
 * {@code adminTokenFile} (mode 0600, written to a temporary file of that mode and moved into place), then logs where
 * it is, never the secret. With tokens present it does nothing, so the file is written once per database; a second
 * HQ instance starting at the same moment loses the race on the token name and writes nothing.
 */
@Component(immediate = true, configurationPid = "io.outpost.hq.rest", configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = RestConfig.class)
public final class FirstAdminToken {

    private static final Logger LOG = LoggerFactory.getLogger(FirstAdminToken.class);
    static final String NAME = "admin";

    @Activate
    public FirstAdminToken(RestConfig config, @Reference ApiTokens tokens) {
        String file = config.adminTokenFile();
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("hq rest: 'adminTokenFile' is empty");
        }
        if (!tokens.list().isEmpty()) {
            return;
        }
        IssuedToken issued;
        try {
            issued = tokens.create(NAME);
        } catch (IllegalArgumentException raced) {
            return; // another instance created it a moment ago
        }
        Path target = Path.of(file).toAbsolutePath();
        try {
            write(target, issued.secret());
            LOG.warn("HQ created its first API token '{}' and wrote it to {} (readable by this user only). Use it as "
                    + "'Authorization: Bearer <token>' or with bin/outpost-hq-cli; create others with hq:token create <name>.",
                    NAME, target);
        } catch (IOException | UncheckedIOException | UnsupportedOperationException e) {
            tokens.revoke(NAME);
            LOG.error("hq rest: 'adminTokenFile' {}: cannot write the first API token ({}); it was revoked. Create one "
                    + "with hq:token create <name>.", target, e.toString());
        }
    }

    static void write(Path target, String secret) throws IOException {
        Files.createDirectories(target.getParent());
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(ownerOnly));
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot create " + temp, e);
        }
        Files.setPosixFilePermissions(temp, ownerOnly); // the umask may have narrowed or not: be exact
        Files.writeString(temp, secret + "\n", StandardCharsets.US_ASCII);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
