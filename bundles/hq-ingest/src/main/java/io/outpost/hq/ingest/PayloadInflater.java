package io.outpost.hq.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

import io.outpost.api.hq.MalformedPayloadException;

/**
 * Inflates a gzip payload (recognised by its magic bytes {@code 1f 8b}, as Kura does) up to a limit, so a gzip
 * bomb stops at {@code maxInflatedBytes}; any other payload is returned as it is.
 */
final class PayloadInflater {

    private final int maxInflatedBytes;

    PayloadInflater(int maxInflatedBytes) {
        this.maxInflatedBytes = maxInflatedBytes;
    }

    static boolean isGzip(byte[] payload) {
        return payload.length >= 2 && (payload[0] & 0xff) == 0x1f && (payload[1] & 0xff) == 0x8b;
    }

    byte[] inflate(byte[] payload) throws MalformedPayloadException {
        if (!isGzip(payload)) {
            return payload;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(payload), 4096)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxInflatedBytes, payload.length * 4 + 64));
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > maxInflatedBytes) {
                    throw new MalformedPayloadException("gzip payload inflates past " + maxInflatedBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new MalformedPayloadException("gzip payload is corrupt: " + e.getMessage());
        }
    }

    /** The payload kind of inflated bytes: JSON starts with an object, everything else is protobuf. */
    static String kindOf(byte[] inflated) {
        for (byte b : inflated) {
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                continue;
            }
            return b == '{' ? KuraJsonDecoder.KIND : KuraProtobufDecoder.KIND;
        }
        return KuraProtobufDecoder.KIND; // an empty payload is an empty KuraPayload
    }
}
