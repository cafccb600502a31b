package io.outpost.hq.alerts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule files of one folder ({@code *.json}, one rule each). {@link #scan()} re-reads files whose size or time
 * changed; a bad file is refused with a log line naming the file and the field (once per change of the file) and
 * the other rules keep working. A rule file's name need not match the rule's name; two files with the same rule
 * name: the first by file name wins and the second is refused.
 */
final class RuleFiles {

    private static final Logger LOG = LoggerFactory.getLogger(RuleFiles.class);

    record Loaded(Rule rule, Path file) {
    }

    private record Seen(long size, long modified, Rule rule, String problem) {
    }

    private final Path folder;
    private final Map<Path, Seen> seen = new HashMap<>();
    private volatile Map<String, Loaded> rules = Map.of();
    private volatile Map<Path, String> problems = Map.of();

    RuleFiles(Path folder) {
        this.folder = folder;
    }

    /** Reads what changed; returns the rules by name. */
    synchronized Map<String, Loaded> scan() {
        Map<Path, Seen> now = new TreeMap<>();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
                for (Path file : files) {
                    now.put(file, read(file));
                }
            } catch (IOException e) {
                LOG.warn("alert rules: cannot list {}: {}", folder, e.getMessage());
                return rules;
            }
        }
        seen.keySet().retainAll(now.keySet());
        seen.putAll(now);
        Map<String, Loaded> byName = new TreeMap<>();
        Map<Path, String> refused = new TreeMap<>();
        for (Map.Entry<Path, Seen> e : now.entrySet()) {
            Seen s = e.getValue();
            if (s.rule() == null) {
                refused.put(e.getKey(), s.problem());
            } else if (byName.containsKey(s.rule().name())) {
                refused.put(e.getKey(), "alert rule '" + s.rule().name() + "': 'name' is already used by " + byName.get(s.rule().name()).file().getFileName());
            } else {
                byName.put(s.rule().name(), new Loaded(s.rule(), e.getKey()));
            }
        }
        rules = Map.copyOf(byName);
        problems = Map.copyOf(refused);
        return rules;
    }

    private Seen read(Path file) {
        try {
            long size = Files.size(file);
            long modified = Files.getLastModifiedTime(file).toMillis();
            Seen before = seen.get(file);
            if (before != null && before.size() == size && before.modified() == modified) {
                return before;
            }
            try {
                Rule rule = RuleParser.parse(Files.readString(file, StandardCharsets.UTF_8));
                LOG.info("alert rule '{}' loaded from {}", rule.name(), file);
                return new Seen(size, modified, rule, null);
            } catch (IllegalArgumentException e) {
                LOG.warn("alert rule file {} refused: {}", file, e.getMessage());
                return new Seen(size, modified, null, e.getMessage());
            }
        } catch (IOException e) {
            return new Seen(-1, -1, null, "cannot read: " + e.getMessage());
        }
    }

    Map<String, Loaded> rules() {
        return rules;
    }

    /** The refused files and why. */
    Map<Path, String> problems() {
        return problems;
    }

    Path folder() {
        return folder;
    }

    List<Rule> list() {
        return rules.values().stream().map(Loaded::rule).toList();
    }
}
