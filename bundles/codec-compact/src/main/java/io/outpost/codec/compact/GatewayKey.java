package io.outpost.codec.compact;

import java.util.Arrays;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A gateway's compact-frame identity: its 32-bit id (in every frame header) and its own AES-256 key (HQ holds one
 * per gateway).
 */
public final class GatewayKey {

    private final long gatewayId;
    private final SecretKey key;

    private GatewayKey(long gatewayId, byte[] key) {
        this.gatewayId = gatewayId;
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * @param gatewayId 0..2<sup>32</sup>-1
     * @param keyBase64 32 bytes, base64
     * @throws IllegalArgumentException naming the field at fault ({@code 'gatewayId'} or {@code 'key'})
     */
    public static GatewayKey of(long gatewayId, String keyBase64) {
        if (gatewayId < 0 || gatewayId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("'gatewayId' " + gatewayId + " is out of range 0-4294967295");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(keyBase64 == null ? "" : keyBase64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'key' is not base64: " + e.getMessage());
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("'key' must be 32 bytes (AES-256) in base64, is " + raw.length + " bytes");
        }
        try {
            return new GatewayKey(gatewayId, raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    public long gatewayId() {
        return gatewayId;
    }

    SecretKey secretKey() {
        return key;
    }

    @Override
    public String toString() {
        return "GatewayKey[gatewayId=" + gatewayId + "]";
    }
}
