package io.outpost.itests.gpio;

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

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;

import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.device.Device;
import io.outpost.api.device.DeviceStatus;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Devices;
import io.outpost.itests.support.ReadingRecorder;
import io.outpost.itests.support.Services;

/**
 * A gpio device configured through ConfigAdmin on the mock platform: an output written and read back, and a mock
 * input toggled through the mock provider's API, whose edges arrive as pushed readings at a ReadingListener.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class GpioDriverIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    private Configurations configurations;
    private ReadingRecorder readings;
    private Devices devices;

    @BeforeEach
    void setUp() {
        configurations = new Configurations(admin);
        readings = ReadingRecorder.register(context);
        devices = new Devices(context);
    }

    @AfterEach
    void cleanUp() throws Exception {
        readings.close();
        configurations.close();
    }

    /** The mock input behind a pin id, through the Pi4J context the driver publishes; null until it is open. */
    private MockDigitalInput mockInput(String id) {
        Context pi4j = Services.find(context, Context.class, "(outpost.gpio.provider=mock)");
        if (pi4j == null) {
            return null;
        }
        return pi4j.registry().exists(id) ? pi4j.registry().get(id, MockDigitalInput.class) : null;
    }

    private List<Reading> pushed(String channel) {
        return readings.of("panel-it", channel);
    }

    @Test
    void writesAnOutputReadsItBackAndPushesInputEdges() throws Exception {
        configurations.factory("io.outpost.device", "panel-it", properties("name", "panel-it", "driver", "gpio", "pollMillis", "60000",
            "provider", "mock",
            "channel.led.type", "read_write", "channel.led.valueType", "boolean", "channel.led.pin", "17", "channel.led.mode", "output",
            "channel.button.valueType", "boolean", "channel.button.pin", "4", "channel.button.pull", "up",
            "channel.button.listen", "true",
            "channel.fan.type", "read_write", "channel.fan.valueType", "double", "channel.fan.mode", "pwm", "channel.fan.pin", "18",
            "channel.fan.unit", "%"));
        Device panel = devices.await("panel-it", DeviceStatus.RUNNING, Duration.ofSeconds(10), "panel-it running");

        var written = panel.write(Map.of("led", Value.of(true)));
        assertTrue(written.get(0).isOk(), written.get(0).detail());
        assertEquals(Value.of(true), panel.readNow(List.of("led")).get(0).value());
        panel.write(Map.of("led", Value.of(false)));
        assertEquals(Value.of(false), panel.readNow(List.of("led")).get(0).value());

        assertTrue(panel.write(Map.of("fan", Value.of(40.0))).get(0).isOk());
        Reading fan = panel.readNow(List.of("fan")).get(0);
        assertEquals(40.0, fan.value().asDouble(), 1e-6);
        assertEquals("%", fan.unit());
        var tooMuch = panel.write(Map.of("fan", Value.of(140.0))).get(0);
        assertTrue(!tooMuch.isOk() && tooMuch.detail().contains("0..100"), tooMuch.toString());

        // The level when listening started is pushed first (unless it raced the sampler's own start-up); it is LOW.
        Await.until(Duration.ofSeconds(5), "the button pin to be open", () -> mockInput("panel-it.button") != null);
        Thread.sleep(200);
        int initial = pushed("button").size();
        assertTrue(initial <= 1 && pushed("button").stream().allMatch(r -> r.value().equals(Value.of(false))), pushed("button").toString());
        MockDigitalInput button = mockInput("panel-it.button");
        button.mockState(DigitalState.HIGH);
        Await.until(Duration.ofSeconds(5), "a pushed HIGH", () -> pushed("button").size() == initial + 1);
        assertEquals(Value.of(true), pushed("button").get(initial).value());
        button.mockState(DigitalState.LOW);
        Await.until(Duration.ofSeconds(5), "a pushed LOW", () -> pushed("button").size() == initial + 2);
        assertEquals(Value.of(false), pushed("button").get(initial + 1).value());
        Thread.sleep(300);
        assertEquals(initial + 2, pushed("button").size(), "an input with listen=true is pushed, not polled");
        assertTrue(pushed("button").stream().allMatch(Reading::isGood));
    }

    @Test
    void aBadChannelIsRefusedAndTheRestOfTheDeviceWorks() throws Exception {
        configurations.factory("io.outpost.device", "panel-bad", properties("name", "panel-bad", "driver", "gpio", "pollMillis", "60000",
            "provider", "mock",
            "channel.relay.type", "write", "channel.relay.valueType", "boolean", "channel.relay.pin", "22",
            "channel.ghost.valueType", "boolean", "channel.ghost.pin", "99"));
        Device panel = devices.await("panel-bad", DeviceStatus.RUNNING, Duration.ofSeconds(10), "panel-bad running");
        assertTrue(panel.state().detail().contains("1 refused"), panel.state().detail());
        Reading ghost = panel.lastReadings().stream().filter(r -> r.channel().equals("ghost")).findFirst().orElseThrow();
        assertTrue(ghost.detail().contains("channel 'ghost': pin 99"), ghost.detail());
        assertTrue(panel.write(Map.of("relay", Value.of(true))).get(0).isOk());
    }
}
