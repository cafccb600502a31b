package io.outpost.codec.compact;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: receives every authentic, fresh {@link BodyKind#COMMAND} that arrived over a compact link (an SMS from
 * HQ's number, an SBD mobile-terminated message). The remote-management request path registers one; until then
 * links count and log commands. Called on the link's own thread; must return quickly.
 */
@ConsumerType
public interface CommandListener {

    /**
     * @param link     the id of the link it came over ({@code cellular-sms}, {@code satellite})
     * @param sequence the frame's sequence number (unique per gateway and direction)
     * @param text     the command
     */
    void command(String link, long sequence, String text);
}
