package io.outpost.request.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What CMD-V1 may do, checked from its configuration: the allow-lists, the password (kept only as its SHA-256),
 * the longest timeout, the output limit. A bad configuration is refused with a message naming the field.
 */
final class CommandPolicy {

    private static final Pattern GOGO_NAME = Pattern.compile("[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+");
    static final int MIN_PASSWORD_CHARS = 8;

    final boolean enabled;
    private final byte[] passwordDigest;
    final Set<String> gogoCommands;
    final List<Path> osCommands;
    final Duration timeout;
    final int maxOutputBytes;
    final Path workingDirectory;
    final int concurrentCommands;

    private CommandPolicy(boolean enabled, byte[] passwordDigest, Set<String> gogoCommands, List<Path> osCommands, Duration timeout,
                          int maxOutputBytes, Path workingDirectory, int concurrentCommands) {
        this.enabled = enabled;
        this.passwordDigest = passwordDigest;
        this.gogoCommands = gogoCommands;
        this.osCommands = osCommands;
        this.timeout = timeout;
        this.maxOutputBytes = maxOutputBytes;
        this.workingDirectory = workingDirectory;
        this.concurrentCommands = concurrentCommands;
    }

    /** @throws IllegalArgumentException naming the field */
    static CommandPolicy of(CommandConfig config, String home) {
        String where = "CMD-V1 (io.outpost.request.command): ";
        if (config.timeoutSeconds() < 1 || config.timeoutSeconds() > 600) {
            throw new IllegalArgumentException(where + "'timeoutSeconds' " + config.timeoutSeconds() + " is out of range 1-600");
        }
        if (config.maxOutputBytes() < 256 || config.maxOutputBytes() > 1_048_576) {
            throw new IllegalArgumentException(where + "'maxOutputBytes' " + config.maxOutputBytes() + " is out of range 256-1048576");
        }
        if (config.concurrentCommands() < 1 || config.concurrentCommands() > 16) {
            throw new IllegalArgumentException(where + "'concurrentCommands' " + config.concurrentCommands() + " is out of range 1-16");
        }
        String password = config.password() == null ? "" : config.password();
        if (config.enabled() && password.length() < MIN_PASSWORD_CHARS) {
            throw new IllegalArgumentException(where + "'password' must have at least " + MIN_PASSWORD_CHARS + " characters when 'enabled' is true");
        }
        List<String> gogoNames = entries(config.gogoCommands());
        for (String g : gogoNames) {
            if (!GOGO_NAME.matcher(g.trim()).matches()) {
                throw new IllegalArgumentException(where + "'gogoCommands' entry '" + g + "' is not scope:function");
            }
        }
        List<Path> os = new ArrayList<>();
        for (String o : entries(config.osCommands())) {
            Path p = Path.of(o.trim());
            if (!p.isAbsolute() || !p.normalize().equals(p)) {
                throw new IllegalArgumentException(where + "'osCommands' entry '" + o + "' is not a normalized absolute path");
            }
            os.add(p);
        }
        String dir = config.workingDirectory() == null ? "" : config.workingDirectory().trim();
        Path work = dir.isEmpty() ? Path.of(home == null || home.isBlank() ? "" : home).toAbsolutePath() : Path.of(dir).toAbsolutePath();
        return new CommandPolicy(config.enabled(), sha256(password), Set.copyOf(gogoNames),
            List.copyOf(os), Duration.ofSeconds(config.timeoutSeconds()), config.maxOutputBytes(), work, config.concurrentCommands());
    }

    /** The entries of a list attribute; an entry may hold several separated by commas (a .cfg file has no arrays). */
    static List<String> entries(String[] values) {
        List<String> out = new ArrayList<>();
        for (String v : values == null ? new String[0] : values) {
            Arrays.stream(v.split(",")).map(String::trim).filter(e -> !e.isEmpty()).forEach(out::add);
        }
        return out;
    }

    /** Constant-time comparison of the digests, so the time taken says nothing about the password. */
    boolean passwordMatches(String given) {
        return MessageDigest.isEqual(passwordDigest, sha256(given == null ? "" : given));
    }

    /** The allow-listed executable a request names, by its absolute path or its file name (when only one entry has it). */
    Optional<Path> osCommand(String name) {
        List<Path> matches = osCommands.stream()
            .filter(p -> p.toString().equals(name) || (!name.contains("/") && p.getFileName().toString().equals(name))).toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** The request's timeout, which may only shorten the configured one. */
    Duration timeout(Optional<Integer> requestedSeconds) {
        return requestedSeconds.filter(s -> s > 0 && s < timeout.toSeconds()).map(Duration::ofSeconds).orElse(timeout);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
