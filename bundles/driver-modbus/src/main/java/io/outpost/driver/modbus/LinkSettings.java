package io.outpost.driver.modbus;

import java.util.Locale;
import java.util.Map;

/**
 * Device-level settings of a Modbus device, parsed from its configuration: {@code transport} (tcp or rtu),
 * {@code endpoint} (host:port, or a serial device path), {@code baudRate}, {@code parity} (none, even, odd),
 * {@code dataBits} (7 or 8), {@code stopBits} (1 or 2), {@code timeoutMillis}, {@code mergeBlocks} (default
 * true) and {@code maxGap} (unused addresses a merged block may span, default 0).
 */
record LinkSettings(Transport transport, String host, int port, String serialPort, int baudRate, Parity parity,
        int dataBits, int stopBits, int timeoutMillis, boolean mergeBlocks, int maxGap) {

    enum Transport { TCP, RTU }

    enum Parity { NONE, EVEN, ODD }

    static final int DEFAULT_TCP_PORT = 502;

    /** "host:port" or the serial port path. */
    String endpoint() {
        return transport == Transport.TCP ? host + ":" + port : serialPort;
    }

    /**
     * Parses the device properties.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    static LinkSettings parse(Map<String, String> properties) {
        String transportText = properties.getOrDefault("transport", "tcp").trim().toLowerCase(Locale.ROOT);
        Transport transport = switch (transportText) {
            case "tcp" -> Transport.TCP;
            case "rtu" -> Transport.RTU;
            default -> throw new IllegalArgumentException("'transport' is '" + transportText + "', expected tcp or rtu");
        };
        String endpoint = properties.getOrDefault("endpoint", "").trim();
        if (endpoint.isEmpty()) {
            throw new IllegalArgumentException("'endpoint' is missing (host:port for tcp, a serial port path for rtu)");
        }
        String host = "";
        int port = 0;
        String serialPort = "";
        if (transport == Transport.TCP) {
            int colon = endpoint.lastIndexOf(':');
            host = colon < 0 ? endpoint : endpoint.substring(0, colon);
            port = colon < 0 ? DEFAULT_TCP_PORT : integer(properties, "endpoint port", endpoint.substring(colon + 1), 1, 65535);
            if (host.isEmpty()) {
                throw new IllegalArgumentException("'endpoint' '" + endpoint + "' has no host");
            }
        } else {
            serialPort = endpoint;
        }
        int baudRate = integer(properties, "baudRate", properties.getOrDefault("baudRate", "9600"), 300, 4_000_000);
        String parityText = properties.getOrDefault("parity", "none").trim().toUpperCase(Locale.ROOT);
        Parity parity;
        try {
            parity = Parity.valueOf(parityText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'parity' is '" + parityText.toLowerCase(Locale.ROOT) + "', expected none, even or odd");
        }
        int dataBits = integer(properties, "dataBits", properties.getOrDefault("dataBits", "8"), 7, 8);
        int stopBits = integer(properties, "stopBits", properties.getOrDefault("stopBits", "1"), 1, 2);
        int timeout = integer(properties, "timeoutMillis", properties.getOrDefault("timeoutMillis", "1000"), 10, 60_000);
        String mergeText = properties.getOrDefault("mergeBlocks", "true").trim().toLowerCase(Locale.ROOT);
        if (!mergeText.equals("true") && !mergeText.equals("false")) {
            throw new IllegalArgumentException("'mergeBlocks' is '" + mergeText + "', expected true or false");
        }
        int maxGap = integer(properties, "maxGap", properties.getOrDefault("maxGap", "0"), 0, 100);
        return new LinkSettings(transport, host, port, serialPort, baudRate, parity, dataBits, stopBits, timeout,
            mergeText.equals("true"), maxGap);
    }

    private static int integer(Map<String, String> properties, String field, String text, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + field + "' is not a number: '" + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("'" + field + "' " + value + " is out of range " + min + "-" + max);
        }
        return value;
    }
}
