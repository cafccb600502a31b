package io.outpost.router;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.upstream.MessageClass;

/**
 * The usage book on disk: a properties file ({@code format=1}, {@code period=<date>}, then
 * {@code link.<id>.bytes|messages|cost|failures|class.<CLASS>}), written to a temporary file, forced and moved
 * over the old one, so a power cut leaves the old or the new book. A file that cannot be read is renamed aside
 * (kept for a person) and counting starts from zero, logged; it never stops the router.
 */
final class UsageFile {

    private static final Logger LOG = LoggerFactory.getLogger(UsageFile.class);
    static final String FORMAT = "1";

    private final Path file;

    UsageFile(Path file) {
        this.file = file;
    }

    /** The book kept in the file, or a fresh one for {@code current} when there is none or it is another month's. */
    UsageBook load(LocalDate current) {
        UsageBook book = new UsageBook(current);
        if (!Files.exists(file)) {
            return book;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Properties p = new Properties();
            try (Reader r = new StringReader(text)) {
                p.load(r);
            }
            if (!FORMAT.equals(p.getProperty("format"))) {
                throw new IllegalArgumentException("'format' is " + p.getProperty("format") + ", not " + FORMAT);
            }
            LocalDate period = LocalDate.parse(String.valueOf(p.getProperty("period")));
            if (!period.equals(current)) {
                LOG.info("router usage in {} is of the billing month from {}; a new month starts at {}", file, period, current);
                book.markDirty();
                return book;
            }
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith("link.") && key.endsWith(".bytes")) {
                    String id = key.substring(5, key.length() - 6);
                    book.restore(id, count(p, "link." + id + "."));
                }
            }
            return book;
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
            LOG.warn("router usage file {} cannot be read ({}); moved to {}, counting from zero", file, e.toString(), aside);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.warn("could not move {} aside: {}", file, moveFailed.toString());
            }
            UsageBook fresh = new UsageBook(current);
            fresh.markDirty();
            return fresh;
        }
    }

    private static LinkUsageCount count(Properties p, String prefix) {
        LinkUsageCount c = new LinkUsageCount();
        c.bytes = Long.parseLong(p.getProperty(prefix + "bytes", "0"));
        c.messages = Long.parseLong(p.getProperty(prefix + "messages", "0"));
        c.cost = Double.parseDouble(p.getProperty(prefix + "cost", "0"));
        c.failures = Long.parseLong(p.getProperty(prefix + "failures", "0"));
        for (MessageClass m : MessageClass.values()) {
            c.byClass[m.ordinal()] = Long.parseLong(p.getProperty(prefix + "class." + m.name(), "0"));
        }
        if (c.bytes < 0 || c.messages < 0 || c.failures < 0 || !Double.isFinite(c.cost) || c.cost < 0) {
            throw new IllegalArgumentException("negative or non-finite figures under " + prefix);
        }
        return c;
    }

    /** Writes the book's counts of {@code period}; false (logged) when the disk refused. */
    boolean save(LocalDate period, Map<String, LinkUsageCount> links) {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("period", period.toString());
        links.forEach((id, c) -> {
            String prefix = "link." + id + ".";
            p.setProperty(prefix + "bytes", Long.toString(c.bytes));
            p.setProperty(prefix + "messages", Long.toString(c.messages));
            p.setProperty(prefix + "cost", Double.toString(c.cost));
            p.setProperty(prefix + "failures", Long.toString(c.failures));
            for (MessageClass m : MessageClass.values()) {
                p.setProperty(prefix + "class." + m.name(), Long.toString(c.byClass[m.ordinal()]));
            }
        });
        try {
            StringWriter w = new StringWriter();
            p.store(w, "Outpost router: link usage this billing month");
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(w.toString().getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("router usage could not be written to {}: {}", file, e.toString());
            return false;
        }
    }

    /** For messages. */
    @Override
    public String toString() {
        return file.toString();
    }
}
