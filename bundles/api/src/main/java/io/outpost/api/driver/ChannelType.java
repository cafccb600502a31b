package io.outpost.api.driver;

/** Which way a channel may be used. */
public enum ChannelType {
    READ, WRITE, READ_WRITE;

    public boolean canRead() {
        return this != WRITE;
    }

    public boolean canWrite() {
        return this != READ;
    }

    public static ChannelType parse(String name) {
        for (ChannelType t : values()) {
            if (t.name().equalsIgnoreCase(name.trim().replace('-', '_'))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown channel type '" + name + "', expected read, write or read_write");
    }
}
