package io.outpost.itests.modbus;

import java.util.LinkedHashMap;
import java.util.Map;

/** Device configurations whose channels match the contents of {@code modbus_server.py}. */
final class SlaveChannels {

    private SlaveChannels() {
    }

    /** A device on the slave, with one channel per known value, two writable ones and one at a missing address. */
    static Map<String, Object> device(String name, Map<String, String> link) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("driver", "modbus");
        p.put("pollMillis", "200");
        p.put("timeoutMillis", "500");
        p.putAll(link);
        channel(p, "coil0", "read", "boolean", "area", "coil", "address", "0");
        channel(p, "coil1", "read", "boolean", "area", "coil", "address", "1");
        channel(p, "di0", "read", "int32", "area", "discrete-input", "address", "0");
        channel(p, "di1", "read", "boolean", "area", "discrete-input", "address", "1");
        channel(p, "hr0", "read", "int32", "area", "holding-register", "address", "0");
        channel(p, "hr1", "read", "int32", "area", "holding-register", "address", "1", "dataType", "int16");
        channel(p, "hrFloat", "read", "float", "area", "holding-register", "address", "2", "dataType", "float32");
        channel(p, "hrLittle", "read", "int32", "area", "holding-register", "address", "4", "dataType", "int32", "wordOrder", "little");
        channel(p, "ir0", "read", "double", "area", "input-register", "address", "0");
        channel(p, "irFloat", "read", "double", "area", "input-register", "address", "1", "dataType", "float32");
        channel(p, "pump", "read_write", "boolean", "area", "coil", "address", "10");
        channel(p, "setpoint", "read_write", "int32", "area", "holding-register", "address", "12", "dataType", "int32");
        channel(p, "inputOnly", "read_write", "int32", "area", "input-register", "address", "5");
        channel(p, "missing", "read", "int32", "area", "holding-register", "address", "500");
        return p;
    }

    static void channel(Map<String, Object> p, String name, String type, String valueType, String... params) {
        p.put("channel." + name + ".type", type);
        p.put("channel." + name + ".valueType", valueType);
        for (int i = 0; i < params.length; i += 2) {
            p.put("channel." + name + "." + params[i], params[i + 1]);
        }
    }
}
