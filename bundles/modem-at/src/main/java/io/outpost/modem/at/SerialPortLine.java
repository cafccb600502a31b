package io.outpost.modem.at;

import java.io.IOException;

import com.fazecast.jSerialComm.SerialPort;

/** A {@link SerialLine} on a serial port (or pseudo-terminal) opened with jSerialComm, 8N1, no flow control. */
public final class SerialPortLine implements SerialLine {

    private final SerialPort port;

    private SerialPortLine(SerialPort port) {
        this.port = port;
    }

    /**
     * @throws IOException when the port does not exist or cannot be opened; the message names the port
     */
    public static SerialPortLine open(String path, int baud) throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (RuntimeException e) {
            throw new IOException("serial port '" + path + "' does not exist: " + e.getMessage(), e);
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!port.openPort()) {
            throw new IOException("serial port '" + path + "' cannot be opened (error " + port.getLastErrorCode() + ")");
        }
        return new SerialPortLine(port);
    }

    @Override
    public int read(byte[] buffer, int timeoutMillis) throws IOException {
        if (!port.isOpen()) {
            throw new IOException("serial port " + port.getSystemPortPath() + " is closed");
        }
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, timeoutMillis, 0);
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0) {
            throw new IOException("serial port " + port.getSystemPortPath() + " read failed (error " + port.getLastErrorCode() + ")");
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        int n = port.writeBytes(bytes, bytes.length);
        if (n != bytes.length) {
            throw new IOException("serial port " + port.getSystemPortPath() + " wrote " + n + " of " + bytes.length + " bytes");
        }
    }

    @Override
    public void close() {
        port.closePort();
    }
}
