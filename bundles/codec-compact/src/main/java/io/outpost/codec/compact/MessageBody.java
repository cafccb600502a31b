package io.outpost.codec.compact;

import java.util.LinkedHashMap;
import java.util.Map;

import io.outpost.api.data.Quality;
import io.outpost.api.data.Value;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;

/**
 * The {@link BodyKind#MESSAGE} body: kind, class code, time (epoch seconds, u32), topic, metric count, and per
 * metric its name and value. The body of the upstream message is not carried (SMS and SBD are for alarms and
 * small events). Also the {@link BodyKind#COMMAND} body: kind and UTF-8 text.
 */
public final class MessageBody {

    private static final int MAX_NAME = 255;

    private MessageBody() {
    }

    public static byte[] encode(UpstreamMessage message) {
        ByteWriter out = new ByteWriter().u8(BodyKind.MESSAGE.code()).u8(classCode(message.messageClass()))
            .u32(Math.floorDiv(message.timestamp(), 1000L) & 0xFFFF_FFFFL).text(message.topic())
            .varint(message.metrics().size());
        message.metrics().forEach((name, value) -> ValueCodec.write(out.text(name), value, Quality.GOOD));
        return out.toByteArray();
    }

    /** @throws MalformedBodyException when the body is not a well-formed message body */
    public static UpstreamMessage decode(byte[] body) {
        ByteReader in = new ByteReader(body);
        if (in.u8() != BodyKind.MESSAGE.code()) {
            throw new MalformedBodyException("not a message body");
        }
        MessageClass messageClass = classOf(in.u8());
        long time = in.u32() * 1000L;
        String topic = in.text(MAX_NAME);
        int count = in.count();
        Map<String, Value> metrics = new LinkedHashMap<>();
        Quality[] quality = new Quality[1];
        for (int i = 0; i < count; i++) {
            String name = in.text(MAX_NAME);
            metrics.put(name, ValueCodec.read(in, quality));
        }
        if (in.hasMore()) {
            throw new MalformedBodyException(in.remaining() + " bytes after the last metric");
        }
        try {
            return new UpstreamMessage(messageClass, topic, time, metrics);
        } catch (IllegalArgumentException e) {
            throw new MalformedBodyException(e.getMessage());
        }
    }

    public static byte[] command(String text) {
        return new ByteWriter().u8(BodyKind.COMMAND.code()).text(text).toByteArray();
    }

    public static String decodeCommand(byte[] body) {
        ByteReader in = new ByteReader(body);
        if (in.u8() != BodyKind.COMMAND.code()) {
            throw new MalformedBodyException("not a command body");
        }
        return in.text(ValueCodec.MAX_TEXT);
    }

    static int classCode(MessageClass c) {
        return switch (c) {
            case ALARM -> 1;
            case REPLY -> 2;
            case LIFECYCLE -> 3;
            case EVENT -> 4;
            case TELEMETRY -> 5;
        };
    }

    static MessageClass classOf(int code) {
        return switch (code) {
            case 1 -> MessageClass.ALARM;
            case 2 -> MessageClass.REPLY;
            case 3 -> MessageClass.LIFECYCLE;
            case 4 -> MessageClass.EVENT;
            case 5 -> MessageClass.TELEMETRY;
            default -> throw new MalformedBodyException("message class code " + code);
        };
    }
}
