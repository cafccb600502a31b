package io.outpost.driver.modbus;

import static io.outpost.driver.modbus.Channels.channel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.ValueType;

/** Channel validation as {@link ModbusDriver#problemWith} reports it. */
class ModbusChannelTest {

    private final ModbusDriver driver = new ModbusDriver();

    @Test
    void acceptsAWellFormedChannelAndAppliesDefaults() {
        ModbusChannel c = ModbusChannel.parse(channel("temp", ValueType.DOUBLE, "area", "holding-register", "address", "7"));
        assertEquals(new ModbusChannel("temp", 1, Area.HOLDING_REGISTER, 7, DataType.UINT16, WordOrder.BIG, ValueType.DOUBLE), c);
        ModbusChannel coil = ModbusChannel.parse(channel("pump", ValueType.BOOLEAN, "area", "coil", "address", "0", "unitId", "17"));
        assertEquals(DataType.BOOL, coil.dataType());
        assertEquals(17, coil.unitId());
        assertEquals(0x48, ModbusChannel.parse(channel("hex", ValueType.INT64, "area", "input-register", "address", "0x48",
            "dataType", "int64")).address());
        assertEquals(Optional.empty(), driver.problemWith(channel("f", ValueType.FLOAT,
            "area", "input-register", "address", "65534", "dataType", "float32", "wordOrder", "little")));
    }

    @Test
    void refusesAnUnknownArea() {
        assertProblem("channel 'x': unknown area 'holding', expected coil, discrete-input, holding-register or input-register",
            "area", "holding", "address", "1");
        assertProblem("channel 'x': 'area' is missing, expected coil, discrete-input, holding-register or input-register",
            "address", "1");
    }

    @Test
    void refusesAnAddressOutOfRange() {
        assertProblem("channel 'x': 'address' 65536 is out of range 0-65535", "area", "coil", "address", "65536");
        assertProblem("channel 'x': 'address' -1 is out of range 0-65535", "area", "coil", "address", "-1");
        assertProblem("channel 'x': 'address' is not a number: 'ten'", "area", "coil", "address", "ten");
        assertProblem("channel 'x': 'address' is missing (0-65535)", "area", "coil");
    }

    @Test
    void refusesAMultiWordValueRunningPastTheLastAddress() {
        Optional<String> problem = driver.problemWith(channel("x", ValueType.DOUBLE,
            "area", "holding-register", "address", "65535", "dataType", "float32"));
        assertEquals(Optional.of("channel 'x': address 65535 with float32 runs past 65535"), problem);
    }

    @Test
    void refusesAnUnknownDataTypeOrWordOrderOrUnit() {
        assertProblem("channel 'x': unknown dataType 'real', expected bool, int16, uint16, int32, uint32, float32, int64 or float64",
            "area", "holding-register", "address", "1", "dataType", "real");
        assertProblem("channel 'x': unknown wordOrder 'middle', expected big or little",
            "area", "holding-register", "address", "1", "dataType", "int32", "wordOrder", "middle");
        assertProblem("channel 'x': 'unitId' 256 is out of range 0-255", "area", "coil", "address", "1", "unitId", "256");
    }

    @Test
    void refusesADataTypeThatDoesNotFitTheArea() {
        assertProblem("channel 'x': dataType float32 does not fit area coil (coils and discrete inputs hold bool)",
            "area", "coil", "address", "1", "dataType", "float32");
        assertProblem("channel 'x': dataType bool does not fit area input-register (registers hold numbers, not bool)",
            "area", "input-register", "address", "1", "dataType", "bool");
    }

    @Test
    void refusesAValueTypeThatCannotCarryTheDataType() {
        Optional<String> problem = driver.problemWith(channel("x", ValueType.BOOLEAN,
            "area", "holding-register", "address", "1", "dataType", "float32"));
        assertEquals(Optional.of("channel 'x': valueType boolean cannot carry float32, use one of [double, float]"), problem);
        assertTrue(driver.problemWith(channel("x", ValueType.INT32, "area", "holding-register", "address", "1", "dataType", "uint32")).isPresent());
        assertTrue(driver.problemWith(channel("x", ValueType.STRING, "area", "coil", "address", "1")).isPresent());
    }

    private void assertProblem(String expected, String... params) {
        assertEquals(Optional.of(expected), driver.problemWith(channel("x", ValueType.DOUBLE, params)));
    }
}
