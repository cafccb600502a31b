package io.outpost.profile.kura;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * Inflates gzip with a ceiling on the inflated size, so a decompression bomb costs at most the ceiling (and the
 * time to inflate that much) and is then refused. Gzip is recognised by its magic bytes {@code 1f 8b}.
 */
final class BoundedGunzip {

    private BoundedGunzip() {
    }

    static boolean isGzip(byte[] data) {
        return data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
    }

    /** @throws UndecodableException when the input is not valid gzip or inflates to more than {@code maxBytes} */
    static byte[] inflate(byte[] gzip, int maxBytes) throws UndecodableException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, Math.max(256, gzip.length * 4)));
        byte[] buffer = new byte[8192];
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), 8192)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > maxBytes) {
                    throw new UndecodableException("gzip inflates to more than " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            throw new UndecodableException("bad gzip: " + e.getMessage());
        }
        return out.toByteArray();
    }
}
