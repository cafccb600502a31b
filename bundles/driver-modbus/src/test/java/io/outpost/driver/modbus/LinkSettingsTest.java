package io.outpost.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.outpost.api.driver.DeviceConfiguration;
import io.outpost.api.driver.DriverException;

class LinkSettingsTest {

    @Test
    void tcpDefaults() {
        LinkSettings s = LinkSettings.parse(Map.of("endpoint", "plc.local"));
        assertEquals(LinkSettings.Transport.TCP, s.transport());
        assertEquals("plc.local:502", s.endpoint());
        assertEquals(1000, s.timeoutMillis());
        assertTrue(s.mergeBlocks());
        assertEquals(0, s.maxGap());
    }

    @Test
    void rtuWithSerialSettings() {
        LinkSettings s = LinkSettings.parse(Map.of("transport", "RTU", "endpoint", "/dev/ttyUSB0", "baudRate", "19200",
            "parity", "even", "dataBits", "8", "stopBits", "2", "timeoutMillis", "250", "mergeBlocks", "false", "maxGap", "3"));
        assertEquals(new LinkSettings(LinkSettings.Transport.RTU, "", 0, "/dev/ttyUSB0", 19200, LinkSettings.Parity.EVEN, 8, 2, 250,
            false, 3), s);
    }

    @Test
    void namesTheFieldThatIsWrong() {
        assertEquals("'transport' is 'udp', expected tcp or rtu", message(Map.of("transport", "udp", "endpoint", "x:1")));
        assertEquals("'endpoint' is missing (host:port for tcp, a serial port path for rtu)", message(Map.of()));
        assertEquals("'endpoint port' is not a number: 'abc'", message(Map.of("endpoint", "host:abc")));
        assertEquals("'parity' is 'mark', expected none, even or odd", message(Map.of("endpoint", "h", "parity", "mark")));
        assertEquals("'stopBits' 3 is out of range 1-2", message(Map.of("endpoint", "h", "stopBits", "3")));
        assertEquals("'mergeBlocks' is 'yes', expected true or false", message(Map.of("endpoint", "h", "mergeBlocks", "yes")));
    }

    @Test
    void theDriverRefusesAnUnusableDeviceNamingIt() {
        DriverException e = assertThrows(DriverException.class,
            () -> new ModbusDriver().connect(new DeviceConfiguration("boiler", "modbus", Map.of("transport", "can"), List.of())));
        assertEquals("modbus device 'boiler': 'transport' is 'can', expected tcp or rtu", e.getMessage());
    }

    @Test
    void connectingDoesNotTouchTheNetwork() throws Exception {
        // port 1 on loopback has nobody: connect must still succeed (lazily), reads give BAD
        var connection = new ModbusDriver().connect(new DeviceConfiguration("d", "modbus", Map.of("endpoint", "127.0.0.1:1"), List.of()));
        var records = connection.read(List.of(Channels.channel("x", io.outpost.api.data.ValueType.DOUBLE, "area", "holding-register", "address", "0")));
        assertFalse(records.get(0).isOk());
        assertTrue(records.get(0).detail().startsWith("cannot connect to tcp 127.0.0.1:1"), records.get(0).detail());
        connection.close();
    }

    private static String message(Map<String, String> properties) {
        return assertThrows(IllegalArgumentException.class, () -> LinkSettings.parse(properties)).getMessage();
    }
}
