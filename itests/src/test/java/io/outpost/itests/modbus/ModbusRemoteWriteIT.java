package io.outpost.itests.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

import io.outpost.api.data.Reading;
import io.outpost.api.link.LinkState;
import io.outpost.itests.remote.RemoteRequester;
import io.outpost.itests.remote.RemoteRequester.Reply;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Mosquitto;
import io.outpost.itests.support.WiredLink;

/**
 * Issue 11: an ASSET-V1 write requested over MQTT is confirmed by a real Modbus device (a pymodbus slave over TCP)
 * and read back from it. Here in the Modbus package for its slave helpers.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class ModbusRemoteWriteIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    private ModbusSlave slave;
    private DeviceUnderTest watch;
    private Configurations configurations;
    private Mosquitto broker;
    private RemoteRequester hq;

    @BeforeEach
    void start() throws Exception {
        slave = ModbusSlave.tcp();
        watch = new DeviceUnderTest(context, admin, "mbremote-");
        configurations = new Configurations(admin);
        broker = Mosquitto.start();
        Path dir = Files.createTempDirectory("modbus-remote-");
        configurations.single("io.outpost.profile.kura", Map.of("encoding", "json", "birthDebounceMillis", 100L));
        configurations.single("io.outpost.outbox", Map.of("directory", dir.toString(), "fsyncIntervalMillis", "20"));
        configurations.single("io.outpost.request.dispatcher", Map.of("hqClientId", "hq", "auditFile", dir.resolve("audit/requests.log").toString()));
        configurations.single("io.outpost.link.mqtt", Map.of("brokerUrl", broker.url(), "account", "acct", "clientId", "gw-modbus",
            "reconnectMinMillis", 200L, "reconnectMaxMillis", 1000L));
        new WiredLink(context).await(LinkState.UP, WAIT, "the link to the test broker to come up");
        watch.configure(SlaveChannels.device(watch.name(), Map.of("transport", "tcp", "endpoint", "127.0.0.1:" + slave.port())));
        watch.await("setpoint", 0, WAIT, "a good reading of the setpoint", Reading::isGood);
        hq = new RemoteRequester(broker.url(), "acct", "gw-modbus", "hq");
    }

    @AfterEach
    void stop() throws Exception {
        if (hq != null) {
            hq.close();
        }
        configurations.close();
        broker.close();
        watch.close();
        slave.close();
    }

    @Test
    void aRemoteWriteIsConfirmedByTheModbusDeviceAndReadBackFromIt() throws Exception {
        String asset = watch.name();
        Reply write = hq.call("ASSET-V1", "EXEC", "write",
            "[{\"name\":\"" + asset + "\",\"channels\":[{\"name\":\"setpoint\",\"type\":\"INTEGER\",\"value\":\"4242\"}]}]", WAIT);
        assertEquals(200, write.code(), write.toString());
        assertTrue(write.body().contains("\"name\":\"setpoint\"") && write.body().contains("\"value\":\"4242\""), write.body());
        assertFalse(write.body().contains("error"), write.body());
        Reply read = hq.call("ASSET-V1", "EXEC", "read", "[{\"name\":\"" + asset + "\",\"channels\":[{\"name\":\"setpoint\"}]}]", WAIT);
        assertTrue(read.body().contains("\"value\":\"4242\""), read.body());
        Reply refused = hq.call("ASSET-V1", "EXEC", "write",
            "[{\"name\":\"" + asset + "\",\"channels\":[{\"name\":\"inputOnly\",\"type\":\"INTEGER\",\"value\":\"1\"}]}]", WAIT);
        assertTrue(refused.body().contains("\"name\":\"inputOnly\"") && refused.body().contains("\"error\""),
            "an input register cannot be written, and the device says so: " + refused.body());
    }
}
