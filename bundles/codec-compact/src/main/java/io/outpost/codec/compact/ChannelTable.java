package io.outpost.codec.compact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The ordered channel names a {@link ReadingBatch} refers to by index. Known to both ends by its hash: the first
 * 4 bytes of SHA-256 over the names, each UTF-8 and terminated by a 0 byte. The gateway announces the table in
 * its birth (or sends it as a {@link BodyKind#CHANNEL_TABLE} body); HQ keeps the tables it has seen by hash.
 */
public record ChannelTable(List<String> channels) {

    public ChannelTable {
        channels = List.copyOf(channels);
        if (channels.size() > 16_384) {
            throw new IllegalArgumentException("a channel table holds at most 16384 channels, not " + channels.size());
        }
    }

    public long hash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String c : channels) {
                sha.update(c.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            byte[] d = sha.digest();
            return ((d[0] & 0xFFL) << 24) | ((d[1] & 0xFFL) << 16) | ((d[2] & 0xFFL) << 8) | (d[3] & 0xFFL);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The channel's index, or -1. */
    public int indexOf(String channel) {
        return channels.indexOf(channel);
    }

    public byte[] encode() {
        ByteWriter out = new ByteWriter().u8(BodyKind.CHANNEL_TABLE.code()).varint(channels.size());
        channels.forEach(out::text);
        return out.toByteArray();
    }

    public static ChannelTable decode(byte[] body) {
        ByteReader in = new ByteReader(body);
        if (in.u8() != BodyKind.CHANNEL_TABLE.code()) {
            throw new MalformedBodyException("not a channel table body");
        }
        int n = in.count();
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(in.text(255));
        }
        return new ChannelTable(names);
    }
}
