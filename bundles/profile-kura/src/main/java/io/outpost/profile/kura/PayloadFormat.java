package io.outpost.profile.kura;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/** How payloads are written: KuraPayload protobuf or JSON, optionally gzipped (Kura detects the gzip magic). */
record PayloadFormat(Encoding encoding, boolean gzip) {

    enum Encoding {
        PROTOBUF("kura-protobuf"), JSON("simple-json");

        /** The value of the birth metric {@code payload_encoding}. */
        final String birthName;

        Encoding(String birthName) {
            this.birthName = birthName;
        }

        static Encoding parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("encoding '" + text + "' is neither protobuf nor json");
            }
        }
    }

    byte[] encode(KuraPayload payload) {
        byte[] plain = encoding == Encoding.PROTOBUF ? KuraProtobuf.encode(payload) : KuraJson.encode(payload);
        return gzip ? gzip(plain) : plain;
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2 + 32);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory failed", e);
        }
        return out.toByteArray();
    }
}
