/**
 * The compact wire format for small, paid links (SMS, Iridium SBD), shared by the gateway and HQ.
 *
 * <p>A <em>frame</em> is a 9-byte clear header (format version, gateway id, sequence) and an AES-256-GCM
 * ciphertext of one <em>body</em> with a 16-byte tag; the header is the associated data. A
 * {@link io.outpost.codec.compact.FrameSealer} makes frames, a {@link io.outpost.codec.compact.FrameOpener}
 * opens them and refuses tampered, truncated, foreign and replayed ones with a
 * {@link io.outpost.codec.compact.Refusal} naming why. Bodies: {@link io.outpost.codec.compact.MessageBody} (one
 * upstream message or a text command) and {@link io.outpost.codec.compact.ReadingBatch} (readings as channel
 * index, time delta and value against a {@link io.outpost.codec.compact.ChannelTable} known by its hash).
 * The byte budget is in {@code docs/protocol.md}, section "Compact frames". 1.1: {@link io.outpost.codec.compact.MessageSplitter}
 * splits a message too large for one frame into several.
 */
@Version("1.1.0")
@Export
package io.outpost.codec.compact;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
