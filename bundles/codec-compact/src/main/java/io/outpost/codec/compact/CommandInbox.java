package io.outpost.codec.compact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a link puts the downlink frames it received (SMS from HQ, SBD mobile-terminated): opens each, drops and
 * counts what fails authentication or is replayed, and hands authentic commands to the {@link CommandListener}s.
 * The highest accepted sequence is kept in a file, so a frame recorded before a restart cannot be replayed after it.
 */
public final class CommandInbox {

    private static final Logger LOG = LoggerFactory.getLogger(CommandInbox.class);

    /** What became of one frame. */
    public enum Outcome {
        /** Authentic and fresh; given to the listeners (or only counted when there are none). */
        ACCEPTED,
        /** Not authentic, replayed, truncated or another gateway's: dropped, never executed. */
        REFUSED,
        /** Authentic, but not a command body. */
        NOT_A_COMMAND
    }

    private final String link;
    private final FrameOpener opener;
    private final Path highestFile;
    private final Supplier<List<CommandListener>> listeners;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    /**
     * @param highestFile where the highest accepted sequence is kept; null keeps it in memory only
     */
    public CommandInbox(String link, GatewayKey key, Bearer bearer, Path highestFile, Supplier<List<CommandListener>> listeners) throws IOException {
        this.link = link;
        this.highestFile = highestFile;
        this.listeners = listeners;
        long highest = 0;
        if (highestFile != null && Files.exists(highestFile)) {
            try {
                highest = Long.parseLong(Files.readString(highestFile, StandardCharsets.US_ASCII).trim());
            } catch (NumberFormatException e) {
                throw new IOException("replay file " + highestFile + " does not hold a number");
            }
        }
        this.opener = new FrameOpener(key, Direction.DOWNLINK, bearer, new ReplayWindow(highest));
    }

    public Outcome receive(byte[] frame) {
        OpenedFrame opened = opener.open(frame);
        if (opened instanceof OpenedFrame.Refused r) {
            refused.incrementAndGet();
            LOG.warn("link '{}': dropped a downlink frame: {}", link, r.reason());
            return Outcome.REFUSED;
        }
        OpenedFrame.Opened o = (OpenedFrame.Opened) opened;
        store(opener.highestAccepted());
        String text;
        try {
            text = MessageBody.decodeCommand(o.body());
        } catch (MalformedBodyException e) {
            LOG.warn("link '{}': authentic downlink frame {} is not a command: {}", link, o.sequence(), e.getMessage());
            return Outcome.NOT_A_COMMAND;
        }
        accepted.incrementAndGet();
        List<CommandListener> targets = listeners.get();
        LOG.info("link '{}': command {} from HQ ({} listener(s))", link, o.sequence(), targets.size());
        for (CommandListener l : targets) {
            try {
                l.command(link, o.sequence(), text);
            } catch (RuntimeException e) {
                LOG.warn("link '{}': command listener failed", link, e);
            }
        }
        return Outcome.ACCEPTED;
    }

    public long accepted() {
        return accepted.get();
    }

    public long refused() {
        return refused.get();
    }

    private void store(long highest) {
        if (highestFile == null) {
            return;
        }
        try {
            Path tmp = highestFile.resolveSibling(highestFile.getFileName() + ".tmp");
            Files.writeString(tmp, Long.toString(highest), StandardCharsets.US_ASCII);
            Files.move(tmp, highestFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("link '{}': cannot keep the replay window in {}: {}", link, highestFile, e.getMessage());
        }
    }
}
