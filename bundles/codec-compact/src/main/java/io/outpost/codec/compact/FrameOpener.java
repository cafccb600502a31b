package io.outpost.codec.compact;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.EnumMap;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Opens the frames of one sender (one gateway key, one direction): checks length, version, gateway id and tag,
 * then the replay window. Never throws on input: any byte string gives an {@link OpenedFrame}. Refusals are
 * counted by reason. Thread-safe.
 */
public final class FrameOpener {

    private final GatewayKey key;
    private final Direction direction;
    private final Bearer bearer;
    private final ReplayWindow window;
    private final Map<Refusal, Long> refusals = new EnumMap<>(Refusal.class);

    public FrameOpener(GatewayKey key, Direction direction, Bearer bearer, ReplayWindow window) {
        this.key = key;
        this.direction = direction;
        this.bearer = bearer;
        this.window = window;
    }

    public synchronized OpenedFrame open(byte[] frame) {
        if (frame == null || frame.length < Frames.OVERHEAD_BYTES) {
            return refuse(Refusal.TRUNCATED);
        }
        ByteBuffer in = ByteBuffer.wrap(frame);
        if ((in.get() & 0xFF) != Frames.VERSION) {
            return refuse(Refusal.UNKNOWN_VERSION);
        }
        long gatewayId = in.getInt() & 0xFFFF_FFFFL;
        long sequence = in.getInt() & 0xFFFF_FFFFL;
        if (gatewayId != key.gatewayId()) {
            return refuse(Refusal.UNKNOWN_GATEWAY);
        }
        byte[] body;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.secretKey(),
                new GCMParameterSpec(Frames.TAG_BYTES * 8, Frames.nonce(direction, bearer, gatewayId, sequence)));
            cipher.updateAAD(frame, 0, Frames.HEADER_BYTES);
            body = cipher.doFinal(frame, Frames.HEADER_BYTES, frame.length - Frames.HEADER_BYTES);
        } catch (AEADBadTagException e) {
            return refuse(Refusal.NOT_AUTHENTIC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
        if (!window.isFresh(sequence)) {
            return refuse(Refusal.REPLAYED);
        }
        window.accept(sequence);
        return new OpenedFrame.Opened(gatewayId, sequence, body);
    }

    /** How many frames were refused for {@code reason}. */
    public synchronized long refused(Refusal reason) {
        return refusals.getOrDefault(reason, 0L);
    }

    /** The highest accepted sequence, to be stored so a restart does not reopen the replay window. */
    public synchronized long highestAccepted() {
        return window.highest();
    }

    private OpenedFrame refuse(Refusal reason) {
        refusals.merge(reason, 1L, Long::sum);
        return new OpenedFrame.Refused(reason);
    }
}
