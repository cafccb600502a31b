package io.outpost.codec.compact;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/** Turns a body into a frame: clear header, AES-256-GCM ciphertext and tag. Thread-safe. */
public final class FrameSealer {

    private final GatewayKey key;
    private final Direction direction;
    private final Bearer bearer;
    private final SequenceSource sequences;

    public FrameSealer(GatewayKey key, Direction direction, Bearer bearer, SequenceSource sequences) {
        this.key = key;
        this.direction = direction;
        this.bearer = bearer;
        this.sequences = sequences;
    }

    /** @return the frame, {@link Frames#OVERHEAD_BYTES} longer than {@code body}; uses one sequence number */
    public byte[] seal(byte[] body) {
        long sequence = sequences.next();
        if (sequence < 1 || sequence > 0xFFFF_FFFFL) {
            throw new IllegalStateException("sequence " + sequence + " is out of range 1-4294967295");
        }
        byte[] header = ByteBuffer.allocate(Frames.HEADER_BYTES).put((byte) Frames.VERSION)
            .putInt((int) key.gatewayId()).putInt((int) sequence).array();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(),
                new GCMParameterSpec(Frames.TAG_BYTES * 8, Frames.nonce(direction, bearer, key.gatewayId(), sequence)));
            cipher.updateAAD(header);
            byte[] sealed = cipher.doFinal(body);
            return ByteBuffer.allocate(header.length + sealed.length).put(header).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }
}
