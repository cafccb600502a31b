package io.outpost.filter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The active alarms on disk, so that a restart neither raises an alarm twice for the same excursion nor forgets
 * to clear it. A small text file, one alarm per line ({@code device TAB channel TAB limit TAB threshold}, with
 * backslash escapes for tab, newline and backslash), rewritten whole through a temporary file that is flushed
 * to the device and renamed over the old one: after a power cut the file is the old or the new one, never half.
 * Written only when an alarm is raised or cleared.
 */
final class AlarmFile {

    private static final String HEADER = "# outpost threshold filter: active alarms (device, channel, limit, threshold)";

    private final Path path;

    AlarmFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** What was read: the alarms by channel key, and the lines that could not be read (they are skipped). */
    record Loaded(Map<String, Alarm> alarms, List<String> problems) {
    }

    static String key(String device, String channel) {
        return device + '\u0000' + channel;
    }

    Loaded load() {
        Map<String, Alarm> alarms = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return new Loaded(alarms, problems);
        } catch (IOException | RuntimeException e) {
            problems.add("cannot read " + path + ": " + e);
            return new Loaded(alarms, problems);
        }
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            try {
                if (fields.length != 4) {
                    throw new IllegalArgumentException("expected 4 tab-separated fields, found " + fields.length);
                }
                alarms.put(key(unescape(fields[0]), unescape(fields[1])), new Alarm(Limit.parse(fields[2]), Double.parseDouble(fields[3])));
            } catch (RuntimeException e) {
                problems.add(path + " line " + number + " skipped: " + e.getMessage());
            }
        }
        return new Loaded(alarms, problems);
    }

    /** Replaces the file with these alarms (keys as made by {@link #key}). */
    synchronized void save(Map<String, Alarm> alarms) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Map.Entry<String, Alarm> e : alarms.entrySet()) {
            int split = e.getKey().indexOf('\u0000');
            text.append(escape(e.getKey().substring(0, split))).append('\t')
                .append(escape(e.getKey().substring(split + 1))).append('\t')
                .append(e.getValue().limit().wireName()).append('\t')
                .append(e.getValue().threshold()).append('\n');
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path temp = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        try {
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
