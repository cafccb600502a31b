package io.outpost.driver.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;

import io.outpost.api.data.Quality;
import io.outpost.api.data.Value;
import io.outpost.api.data.ValueType;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelRecord;
import io.outpost.api.driver.ChannelType;
import io.outpost.api.driver.DeviceConfiguration;
import io.outpost.api.driver.DeviceConnection;
import io.outpost.api.driver.DeviceConnection.WriteRequest;
import io.outpost.api.driver.DriverException;

/** The driver on Pi4J's mock platform, as it runs on any machine that is not a Pi. */
class GpioDriverTest {

    @TempDir
    Path root;

    private final Map<GpioProvider, Context> published = new HashMap<>();
    private GpioDriver driver;
    private DeviceConnection connection;

    @BeforeEach
    void setUp() {
        driver = new GpioDriver("auto", root, 0, Clock.systemUTC(), (provider, context) -> {
            published.put(provider, context);
            return () -> published.remove(provider);
        });
    }

    @AfterEach
    void tearDown() {
        if (connection != null) {
            connection.close();
        }
        driver.close();
        assertTrue(published.isEmpty(), "contexts withdrawn on close");
    }

    private static ChannelDescriptor channel(String name, ChannelType type, ValueType valueType, String... params) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        return new ChannelDescriptor(name, type, valueType, "", 1, 0, true, map);
    }

    private DeviceConnection connect(ChannelDescriptor... channels) throws DriverException {
        connection = driver.connect(new DeviceConfiguration("panel", "gpio", Map.of(), List.of(channels)));
        return connection;
    }

    private MockDigitalInput mockInput(String channel) {
        return published.get(GpioProvider.MOCK).registry().get(GpioConnection.pinId("panel", channel), MockDigitalInput.class);
    }

    @Test
    void offThePiAutoPicksTheMockPlatformAndPublishesItsContext() throws Exception {
        connect(channel("led", ChannelType.READ_WRITE, ValueType.BOOLEAN, "pin", "17"));
        assertTrue(published.containsKey(GpioProvider.MOCK));
    }

    @Test
    void anOutputIsWrittenAndReadBack() throws Exception {
        ChannelDescriptor led = channel("led", ChannelType.READ_WRITE, ValueType.BOOLEAN, "pin", "17", "mode", "output");
        DeviceConnection gpio = connect(led);
        assertEquals(Value.of(false), gpio.read(List.of(led)).get(0).value(), "initial low");
        assertTrue(gpio.write(List.of(new WriteRequest(led, Value.of(true)))).get(0).isOk());
        assertEquals(Value.of(true), gpio.read(List.of(led)).get(0).value());
        gpio.write(List.of(new WriteRequest(led, Value.of(false))));
        assertEquals(Value.of(false), gpio.read(List.of(led)).get(0).value());
    }

    @Test
    void anInputIsReadAndItsEdgesArePushed() throws Exception {
        ChannelDescriptor button = channel("button", ChannelType.READ, ValueType.BOOLEAN, "pin", "4", "pull", "up");
        DeviceConnection gpio = connect(button);
        BlockingQueue<ChannelRecord> pushed = new LinkedBlockingQueue<>();
        AutoCloseable listening = gpio.listen(button, pushed::add);
        assertEquals(Value.of(false), pushed.poll(2, TimeUnit.SECONDS).value(), "the level when listening starts");
        mockInput("button").mockState(DigitalState.HIGH);
        ChannelRecord record = pushed.poll(2, TimeUnit.SECONDS);
        assertEquals(Value.of(true), record.value());
        assertEquals(Value.of(true), gpio.read(List.of(button)).get(0).value());
        mockInput("button").mockState(DigitalState.LOW);
        assertEquals(Value.of(false), pushed.poll(2, TimeUnit.SECONDS).value());
        listening.close();
        mockInput("button").mockState(DigitalState.HIGH);
        assertEquals(null, pushed.poll(200, TimeUnit.MILLISECONDS), "nothing pushed after the listener is closed");
    }

    @Test
    void aBouncingInputIsReportedOnceItSettles() throws Exception {
        ChannelDescriptor reed = channel("reed", ChannelType.READ, ValueType.BOOLEAN, "pin", "5", "debounceMillis", "100");
        DeviceConnection gpio = connect(reed);
        BlockingQueue<ChannelRecord> pushed = new LinkedBlockingQueue<>();
        gpio.listen(reed, pushed::add);
        assertEquals(Value.of(false), pushed.poll(2, TimeUnit.SECONDS).value(), "the level when listening starts");
        MockDigitalInput pin = mockInput("reed");
        for (int i = 0; i < 5; i++) {
            pin.mockState(DigitalState.HIGH);
            pin.mockState(DigitalState.LOW);
        }
        pin.mockState(DigitalState.HIGH);
        ChannelRecord settled = pushed.poll(2, TimeUnit.SECONDS);
        assertEquals(Value.of(true), settled.value());
        assertEquals(null, pushed.poll(300, TimeUnit.MILLISECONDS), "one report for eleven edges");

        pin.mockState(DigitalState.LOW);
        pin.mockState(DigitalState.HIGH);
        assertEquals(null, pushed.poll(Duration.ofMillis(300).toMillis(), TimeUnit.MILLISECONDS), "a glitch back to the same level is no change");
    }

    @Test
    void pwmTakesADutyCycleAndReadsItBack() throws Exception {
        ChannelDescriptor fan = channel("fan", ChannelType.READ_WRITE, ValueType.DOUBLE, "pin", "18", "mode", "pwm", "frequency", "25000");
        DeviceConnection gpio = connect(fan);
        assertTrue(gpio.write(List.of(new WriteRequest(fan, Value.of(40.0)))).get(0).isOk());
        assertEquals(40.0, gpio.read(List.of(fan)).get(0).value().asDouble(), 1e-6);
        ChannelRecord tooMuch = gpio.write(List.of(new WriteRequest(fan, Value.of(140.0)))).get(0);
        assertEquals(Quality.BAD, tooMuch.quality());
        assertTrue(tooMuch.detail().contains("0..100"), tooMuch.detail());
        gpio.write(List.of(new WriteRequest(fan, Value.of(0.0))));
        assertEquals(0.0, gpio.read(List.of(fan)).get(0).value().asDouble(), 1e-6);
    }

    @Test
    void writingAnInputIsRefusedPerRecord() throws Exception {
        ChannelDescriptor button = channel("button", ChannelType.READ, ValueType.BOOLEAN, "pin", "4");
        ChannelDescriptor led = channel("led", ChannelType.WRITE, ValueType.BOOLEAN, "pin", "17");
        List<ChannelRecord> results = connect(button, led).write(List.of(new WriteRequest(button, Value.of(true)),
            new WriteRequest(led, Value.of(true))));
        assertEquals(Quality.BAD, results.get(0).quality());
        assertTrue(results.get(0).detail().contains("input"), results.get(0).detail());
        assertTrue(results.get(1).isOk());
    }

    @Test
    void aPinAlreadyUsedByAnotherDeviceIsABadRecord() throws Exception {
        ChannelDescriptor led = channel("led", ChannelType.READ_WRITE, ValueType.BOOLEAN, "pin", "17");
        DeviceConnection first = connect(led);
        assertTrue(first.write(List.of(new WriteRequest(led, Value.of(true)))).get(0).isOk());
        assertEquals(Value.of(true), first.read(List.of(led)).get(0).value(), "the first owner keeps the pin");
        ChannelDescriptor lamp = channel("lamp", ChannelType.READ_WRITE, ValueType.BOOLEAN, "pin", "17");
        try (DeviceConnection second = driver.connect(new DeviceConfiguration("other", "gpio", Map.of(), List.of(lamp)))) {
            ChannelRecord clash = second.write(List.of(new WriteRequest(lamp, Value.of(false)))).get(0);
            assertEquals(Quality.BAD, clash.quality());
            assertTrue(clash.detail().contains("channel 'lamp' (pin 17)") && clash.detail().contains("already exists"), clash.detail());
        }
    }

    @Test
    void closingAConnectionReleasesItsPins() throws Exception {
        ChannelDescriptor led = channel("led", ChannelType.READ_WRITE, ValueType.BOOLEAN, "pin", "17");
        connect(led).write(List.of(new WriteRequest(led, Value.of(true))));
        assertTrue(published.get(GpioProvider.MOCK).registry().exists(GpioConnection.pinId("panel", "led")));
        connection.close();
        assertFalse(published.get(GpioProvider.MOCK).registry().exists(GpioConnection.pinId("panel", "led")));
        ChannelDescriptor lamp = channel("lamp", ChannelType.READ_WRITE, ValueType.BOOLEAN, "pin", "17");
        try (DeviceConnection next = driver.connect(new DeviceConfiguration("other", "gpio", Map.of(), List.of(lamp)))) {
            assertTrue(next.write(List.of(new WriteRequest(lamp, Value.of(true)))).get(0).isOk(), "pin 17 is free again");
        }
    }

    @Test
    void problemWithNamesTheChannelAndTheField() {
        assertTrue(driver.problemWith(channel("a", ChannelType.READ, ValueType.BOOLEAN)).orElseThrow().contains("channel 'a': missing 'pin'"));
        assertTrue(driver.problemWith(channel("b", ChannelType.READ, ValueType.BOOLEAN, "pin", "99")).orElseThrow().contains("channel 'b': pin 99"));
        assertTrue(driver.problemWith(channel("c", ChannelType.READ, ValueType.BOOLEAN, "pin", "x")).orElseThrow().contains("channel 'c': pin must be"));
        assertTrue(driver.problemWith(channel("d", ChannelType.READ, ValueType.BOOLEAN, "pin", "4", "mode", "analog")).orElseThrow()
            .contains("channel 'd': unknown mode 'analog'"));
        assertTrue(driver.problemWith(channel("e", ChannelType.READ, ValueType.DOUBLE, "pin", "4")).orElseThrow()
            .contains("channel 'e': a input pin needs valueType boolean"));
        assertTrue(driver.problemWith(channel("f", ChannelType.READ_WRITE, ValueType.BOOLEAN, "pin", "4", "mode", "input")).orElseThrow()
            .contains("channel 'f': an input pin cannot be written"));
        assertTrue(driver.problemWith(channel("g", ChannelType.READ, ValueType.BOOLEAN, "pin", "4", "pull", "sideways")).orElseThrow()
            .contains("channel 'g': unknown pull"));
        assertTrue(driver.problemWith(channel("h", ChannelType.WRITE, ValueType.BOOLEAN, "pin", "4", "initial", "maybe")).orElseThrow()
            .contains("channel 'h': initial must be low or high"));
        assertFalse(driver.problemWith(channel("ok", ChannelType.WRITE, ValueType.DOUBLE, "pin", "18", "mode", "pwm")).isPresent());
    }

    @Test
    void anUnknownProviderRefusesTheDevice() {
        DriverException e = assertThrows(DriverException.class, () -> driver.connect(new DeviceConfiguration("panel", "gpio",
            Map.of("provider", "wiringpi"), List.of())));
        assertTrue(e.getMessage().contains("unknown provider 'wiringpi'"), e.getMessage());
    }

    @Test
    void aRaspberryPiIsRecognisedByItsDeviceTreeModel() throws Exception {
        BoardDetection board = new BoardDetection(root);
        assertEquals(GpioProvider.MOCK, board.choose("auto"));
        Files.createDirectories(root.resolve("proc/device-tree"));
        Files.writeString(root.resolve("proc/device-tree/model"), "Raspberry Pi 4 Model B Rev 1.4\0");
        assertEquals("Raspberry Pi 4 Model B Rev 1.4", board.model());
        assertEquals(GpioProvider.GPIOD, board.choose("auto"));
        assertEquals(GpioProvider.LINUXFS, board.choose("linuxfs"));
        assertEquals(GpioProvider.MOCK, board.choose("Mock"));
    }
}
