package io.outpost.modem.at;

import java.io.IOException;

/** A byte stream to a modem. */
public interface SerialLine extends AutoCloseable {

    /**
     * Reads what is there, waiting at most {@code timeoutMillis} for the first byte.
     *
     * @return the number of bytes read, 0 when none came in time
     * @throws IOException when the line is gone (port unplugged, closed)
     */
    int read(byte[] buffer, int timeoutMillis) throws IOException;

    void write(byte[] bytes) throws IOException;

    @Override
    void close();
}
