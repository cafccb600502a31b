package io.outpost.testing.control;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/** Malformed material for the fuzz tests: random bytes, JSON-looking junk, and two byte arrays in one. */
public final class Junk {

    private static final List<String> JSON_PARTS = List.of("{", "}", "[", "]", "\"", ":", ",", "\"metrics\"", "\"request.id\"", "1e999",
        "-", "nul", "\\u12", "\"body\":\"***\"", "{\"metrics\":[]}", "\u00ff");

    private Junk() {
    }

    /** Fewer than {@code max} random bytes. */
    public static byte[] bytes(SplittableRandom random, int max) {
        byte[] b = new byte[random.nextInt(max)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    /** An opening brace and up to 29 pieces of JSON syntax in random order. */
    public static byte[] json(SplittableRandom random) {
        StringBuilder s = new StringBuilder("{");
        int n = random.nextInt(30);
        for (int i = 0; i < n; i++) {
            s.append(JSON_PARTS.get(random.nextInt(JSON_PARTS.size())));
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
