package io.outpost.outbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.outpost.api.data.Value;
import io.outpost.api.data.ValueType;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;

/**
 * The bytes of one {@link UpstreamMessage} inside a store record: class, timestamp, topic, typed metrics and
 * body. Independent of any cloud profile, so the store outlives a change of profile. Classes and value types are
 * written as their {@link StoreCodes}, never as ordinals. Message version 1 is the only one so far (segment
 * formats 1 and 2 both hold it); a later layout gets version 2, and this class keeps reading version 1.
 */
final class MessageCodec {

    private static final int VERSION = 1;

    private MessageCodec() {
    }

    static byte[] encode(UpstreamMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + message.bodyLength());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(StoreCodes.of(message.messageClass()));
            out.writeLong(message.timestamp());
            out.writeUTF(message.topic());
            out.writeInt(message.metrics().size());
            for (Map.Entry<String, Value> metric : message.metrics().entrySet()) {
                out.writeUTF(metric.getKey());
                writeValue(out, metric.getValue());
            }
            byte[] body = message.body();
            out.writeInt(body.length);
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeValue(DataOutputStream out, Value value) throws IOException {
        out.writeByte(StoreCodes.of(value.type()));
        if (value instanceof Value.BooleanValue v) {
            out.writeBoolean(v.value());
        } else if (value instanceof Value.Int32Value v) {
            out.writeInt(v.value());
        } else if (value instanceof Value.Int64Value v) {
            out.writeLong(v.value());
        } else if (value instanceof Value.FloatValue v) {
            out.writeFloat(v.value());
        } else if (value instanceof Value.DoubleValue v) {
            out.writeDouble(v.value());
        } else if (value instanceof Value.StringValue v) {
            writeLongString(out, v.value());
        } else if (value instanceof Value.BytesValue v) {
            byte[] b = v.value();
            out.writeInt(b.length);
            out.write(b);
        }
    }

    /** Strings as length + UTF-8, so values longer than writeUTF's 64 KB fit. */
    private static void writeLongString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** @throws IllegalArgumentException when the bytes are not a message this codec wrote */
    static UpstreamMessage decode(byte[] record) {
        return decode(record, 0, record.length);
    }

    /** Decodes the message bytes at {@code offset} (e.g. inside a whole store record). */
    static UpstreamMessage decode(byte[] bytes, int offset, int length) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, offset, length))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown record version " + version);
            }
            MessageClass messageClass = StoreCodes.messageClass(in.readUnsignedByte());
            long timestamp = in.readLong();
            String topic = in.readUTF();
            int count = in.readInt();
            Map<String, Value> metrics = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                metrics.put(in.readUTF(), readValue(in));
            }
            byte[] body = new byte[checkedLength(in.readInt(), in.available())];
            in.readFully(body);
            return new UpstreamMessage(messageClass, topic, timestamp, metrics, body);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("undecodable outbox record: " + e, e);
        }
    }

    private static Value readValue(DataInputStream in) throws IOException {
        ValueType type = StoreCodes.valueType(in.readUnsignedByte());
        return switch (type) {
            case BOOLEAN -> Value.of(in.readBoolean());
            case INT32 -> Value.of(in.readInt());
            case INT64 -> Value.of(in.readLong());
            case FLOAT -> Value.of(in.readFloat());
            case DOUBLE -> Value.of(in.readDouble());
            case STRING -> {
                byte[] b = new byte[checkedLength(in.readInt(), in.available())];
                in.readFully(b);
                yield Value.of(new String(b, java.nio.charset.StandardCharsets.UTF_8));
            }
            case BYTES -> {
                byte[] b = new byte[checkedLength(in.readInt(), in.available())];
                in.readFully(b);
                yield Value.of(b);
            }
        };
    }

    private static int checkedLength(int length, int limit) throws IOException {
        if (length < 0 || length > limit) {
            throw new IOException("bad length " + length);
        }
        return length;
    }
}
