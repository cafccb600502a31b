package io.outpost.itests.host;

import static io.outpost.itests.support.Configurations.properties;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.outpost.api.data.Quality;
import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.device.Device;
import io.outpost.api.device.DeviceStatus;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Devices;

@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class HostDriverIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    private Configurations configurations;

    @BeforeEach
    void setUp() {
        configurations = new Configurations(admin);
    }

    @AfterEach
    void cleanUp() throws Exception {
        configurations.close();
    }

    @Test
    void theGatewayReportsItsOwnHealthAndSaysWhatThisMachineLacks() throws Exception {
        configurations.factory("io.outpost.device", "host-it", properties("name", "host-it", "driver", "host", "pollMillis", "60000",
            "channel.up.metric", "uptime", "channel.up.valueType", "double", "channel.up.unit", "s",
            "channel.mem.metric", "memory-free", "channel.mem.valueType", "int64",
            "channel.heap.metric", "jvm-heap-used", "channel.heap.valueType", "int64",
            "channel.load.metric", "cpu-load", "channel.load.source", "system", "channel.load.valueType", "double",
            "channel.temp.metric", "cpu-temperature", "channel.temp.zone", "999", "channel.temp.valueType", "double",
            "channel.bogus.metric", "fan-speed"));
        Device host = new Devices(context).await("host-it", DeviceStatus.RUNNING, Duration.ofSeconds(10), "host-it running");
        assertTrue(host.state().detail().contains("1 refused"), host.state().detail());

        List<Reading> now = host.readNow(List.of("up", "mem", "heap", "temp", "bogus"));
        assertTrue(now.get(0).isGood() && now.get(0).value().asDouble() > 0, now.get(0).toString());
        assertEquals("s", now.get(0).unit());
        assertTrue(now.get(1).isGood() && now.get(1).value().asDouble() > 0, now.get(1).toString());
        assertTrue(now.get(2).isGood() && now.get(2).value().asDouble() > 0, now.get(2).toString());
        assertEquals(Quality.BAD, now.get(3).quality());
        assertTrue(now.get(3).detail().contains("no thermal zone 999"), now.get(3).detail());
        assertTrue(now.get(4).detail().contains("refused"), now.get(4).detail());
        Reading refusal = host.lastReadings().stream().filter(r -> r.channel().equals("bogus")).findFirst().orElseThrow();
        assertTrue(refusal.detail().contains("channel 'bogus': unknown metric 'fan-speed'"), refusal.detail());

        Reading load = host.readNow(List.of("load")).get(0);
        assertTrue(load.isGood(), "com.sun.management reaches the driver inside Felix: " + load);
        assertTrue(load.value().asDouble() >= 0 && load.value().asDouble() <= 1, "a CPU share: " + load);

        var refused = host.write(Map.of("up", Value.of(1.0)));
        assertEquals(Quality.BAD, refused.get(0).quality());
        assertTrue(refused.get(0).detail().contains("read-only"), refused.get(0).detail());
    }
}
