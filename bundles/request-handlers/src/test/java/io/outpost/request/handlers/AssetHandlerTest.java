package io.outpost.request.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.data.ValueType;
import io.outpost.api.device.Device;
import io.outpost.api.device.DeviceState;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelRecord;
import io.outpost.api.driver.ChannelType;
import io.outpost.api.request.Request;
import io.outpost.api.request.Response;
import io.outpost.api.request.Verb;

class AssetHandlerTest {

    private final List<Map<String, Value>> writes = new ArrayList<>();

    private final Device boiler = new Device() {
        public String name() { return "boiler"; }
        public String driver() { return "sim"; }
        public DeviceState state() { return null; }
        public List<ChannelDescriptor> channels() {
            return List.of(new ChannelDescriptor("temp", ChannelType.READ, ValueType.DOUBLE, "C", 1, 0, true, Map.of()),
                new ChannelDescriptor("setpoint", ChannelType.READ_WRITE, ValueType.INT32, "", 1, 0, true, Map.of()));
        }
        public List<Reading> lastReadings() { return List.of(); }
        public List<Reading> readNow(List<String> channels) {
            return List.of(Reading.good("boiler", "temp", Value.of(21.5), "C", 0), Reading.bad("boiler", "setpoint", "", "timeout", 7));
        }
        public List<ChannelRecord> write(Map<String, Value> values) {
            writes.add(values);
            return List.of(ChannelRecord.ok("setpoint", values.get("setpoint"), 9), ChannelRecord.failed("temp", "read-only", 9));
        }
    };

    private final AssetHandler handler = new AssetHandler(() -> List.of(boiler), Clock.fixed(Instant.ofEpochMilli(5), ZoneOffset.UTC));

    private Response call(Verb verb, String resource, String body) {
        return handler.handle(new Request("ASSET-V1", verb, List.of(resource.split("/")), "hq", "1", Map.of(),
            body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String body(Response r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void getAssetsListsChannelsWithKuraTypeAndModeNamesAndUnknownAssetsAsNotFound() {
        Response r = call(Verb.GET, "assets", null);
        assertEquals(200, r.code());
        assertEquals("[{\"name\":\"boiler\",\"channels\":[{\"name\":\"temp\",\"type\":\"DOUBLE\",\"mode\":\"READ\"},"
            + "{\"name\":\"setpoint\",\"type\":\"INTEGER\",\"mode\":\"READ_WRITE\"}]}]", body(r));
        assertEquals("[{\"name\":\"pump\",\"error\":\"Asset not found\"}]", body(call(Verb.GET, "assets", "[{\"name\":\"pump\"}]")));
    }

    @Test
    void execReadGivesAValueAsTextOrAnErrorPerChannelWithCode200() {
        Response r = call(Verb.EXEC, "read", "[{\"name\":\"boiler\"}]");
        assertEquals(200, r.code());
        assertEquals("[{\"name\":\"boiler\",\"channels\":[{\"name\":\"temp\",\"timestamp\":5,\"value\":\"21.5\",\"type\":\"DOUBLE\",\"unit\":\"C\"},"
            + "{\"name\":\"setpoint\",\"timestamp\":7,\"error\":\"timeout\"}]}]", body(r));
    }

    @Test
    void execWriteParsesKuraTypesAndEchoesWhatTheDeviceConfirmed() {
        Response r = call(Verb.EXEC, "write", "[{\"name\":\"boiler\",\"channels\":[{\"name\":\"setpoint\",\"type\":\"integer\",\"value\":\"42\"},"
            + "{\"name\":\"temp\",\"type\":\"DOUBLE\",\"value\":\"1\"}]}]");
        assertEquals(200, r.code());
        assertEquals(Value.of(42), writes.get(0).get("setpoint"));
        assertEquals("[{\"name\":\"boiler\",\"channels\":[{\"name\":\"setpoint\",\"timestamp\":9,\"value\":\"42\",\"type\":\"INTEGER\"},"
            + "{\"name\":\"temp\",\"timestamp\":9,\"error\":\"read-only\"}]}]", body(r));
    }

    @Test
    void aBadBodyAnUnknownTypeOrResourceIs400AndWritesNothing() {
        assertEquals(400, call(Verb.EXEC, "write", null).code());
        assertEquals(400, call(Verb.EXEC, "write", "{\"name\":1}").code());
        assertEquals(400, call(Verb.EXEC, "write", "[{\"name\":\"boiler\",\"channels\":[{\"name\":\"setpoint\",\"type\":\"INTEGER\",\"value\":\"4x\"}]}]").code());
        Response unknownType = call(Verb.EXEC, "write", "[{\"name\":\"boiler\",\"channels\":[{\"name\":\"s\",\"type\":\"WORD\",\"value\":\"1\"}]}]");
        assertEquals(400, unknownType.code());
        assertTrue(unknownType.message().contains("WORD"), unknownType.message());
        assertEquals(400, call(Verb.EXEC, "read", "[{\"name\":").code());
        assertEquals(400, call(Verb.EXEC, "reboot", null).code());
        assertEquals(400, call(Verb.GET, "assets/boiler", null).code());
        assertTrue(writes.isEmpty());
    }
}
