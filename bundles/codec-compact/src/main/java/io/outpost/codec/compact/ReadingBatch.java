package io.outpost.codec.compact;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import io.outpost.api.data.Quality;
import io.outpost.api.data.Value;

/**
 * The {@link BodyKind#READINGS} body: kind (1), table hash (4), base time in epoch seconds (4), count (varint),
 * then per reading its channel index (varint), seconds since the previous reading or the base (varint, readings
 * sorted by time) and its value (tag byte + value). A float reading of one of the first 128 channels within
 * 127 s of the previous one takes 7 bytes.
 *
 * @param tableHash the {@link ChannelTable#hash()} the indexes refer to
 * @param readings  in time order
 */
public record ReadingBatch(long tableHash, List<Entry> readings) {

    /** One reading: channel index, epoch seconds, value and quality. */
    public record Entry(int channel, long epochSeconds, Value value, Quality quality) {
    }

    public ReadingBatch {
        readings = List.copyOf(readings);
        for (int i = 1; i < readings.size(); i++) {
            if (readings.get(i).epochSeconds() < readings.get(i - 1).epochSeconds()) {
                throw new IllegalArgumentException("readings must be in time order (entry " + i + ")");
            }
        }
    }

    public byte[] encode() {
        long base = readings.isEmpty() ? 0 : readings.get(0).epochSeconds();
        ByteWriter out = new ByteWriter().u8(BodyKind.READINGS.code()).u32(tableHash).u32(base).varint(readings.size());
        long previous = base;
        for (Entry e : readings) {
            out.varint(e.channel()).varint(e.epochSeconds() - previous);
            ValueCodec.write(out, e.value(), e.quality());
            previous = e.epochSeconds();
        }
        return out.toByteArray();
    }

    public static ReadingBatch decode(byte[] body) {
        ByteReader in = new ByteReader(body);
        if (in.u8() != BodyKind.READINGS.code()) {
            throw new MalformedBodyException("not a readings body");
        }
        long hash = in.u32();
        long time = in.u32();
        int n = in.count();
        List<Entry> entries = new ArrayList<>(n);
        Quality[] quality = new Quality[1];
        for (int i = 0; i < n; i++) {
            long channel = in.varint();
            if (channel > 16_383) {
                throw new MalformedBodyException("channel index " + channel);
            }
            long delta = in.varint();
            if (delta < 0 || delta > 0xFFFF_FFFFL) {
                throw new MalformedBodyException("time delta " + delta);
            }
            time += delta;
            Value v = ValueCodec.read(in, quality);
            entries.add(new Entry((int) channel, time, v, quality[0]));
        }
        if (in.hasMore()) {
            throw new MalformedBodyException(in.remaining() + " bytes after the last reading");
        }
        return new ReadingBatch(hash, entries);
    }

    /**
     * How many of {@code entries} (from the first) fit a body of {@code capacity} bytes: what a packer for a
     * small-MTU link takes.
     */
    public static int fitting(long tableHash, List<Entry> entries, int capacity) {
        int lo = 0;
        int hi = entries.size();
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (new ReadingBatch(tableHash, entries.subList(0, mid)).encode().length <= capacity) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Names the channels with {@code table}, for HQ. */
    public List<String> channelNames(LongFunction<ChannelTable> tables) {
        ChannelTable table = tables.apply(tableHash);
        if (table == null) {
            throw new MalformedBodyException("unknown channel table " + Long.toHexString(tableHash));
        }
        List<String> names = new ArrayList<>();
        for (Entry e : readings) {
            if (e.channel() >= table.channels().size()) {
                throw new MalformedBodyException("channel index " + e.channel() + " not in table");
            }
            names.add(table.channels().get(e.channel()));
        }
        return names;
    }
}
