package io.outpost.itests.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.outpost.api.device.Device;
import io.outpost.api.device.DeviceStatus;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Devices;

/** The outpost:* commands against a sim device, found and invoked the way the Gogo shell does it. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class DeviceCommandsIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    private Configurations configurations;
    private Devices devices;
    private ServiceReference<?> commandsRef;
    private Object commands;

    @BeforeEach
    void setUp() throws Exception {
        configurations = new Configurations(admin);
        devices = new Devices(context);
        configurations.factory("io.outpost.device", "shell-sim", Map.of("name", "shell-sim", "driver", "sim", "pollMillis", "200",
            "channel.level.valueType", "int32", "channel.level.waveform", "sequence", "channel.level.values", "7", "channel.level.unit", "m",
            "channel.valve.type", "read_write", "channel.valve.valueType", "boolean"));
        Await.until(Duration.ofSeconds(10), "shell-sim running", () -> {
            Device device = devices.named("shell-sim");  // once: the previous test's shell-sim may be going away
            return device != null && device.state().status() == DeviceStatus.RUNNING && !device.lastReadings().isEmpty();
        });
        ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(osgi.command.scope=outpost)");
        assertTrue(refs != null && refs.length >= 1, "a service with osgi.command.scope=outpost");
        commandsRef = Arrays.stream(refs).filter(r -> functions(r).contains("devices")).findFirst().orElseThrow();
        assertTrue(functions(commandsRef).containsAll(List.of("devices", "channels", "read", "write")), functions(commandsRef).toString());
        commands = context.getService(commandsRef);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (commandsRef != null) {
            context.ungetService(commandsRef);
        }
        configurations.close();
    }

    private static List<String> functions(ServiceReference<?> ref) {
        Object value = ref.getProperty("osgi.command.function");
        return value instanceof String[] array ? List.of(array) : List.of(String.valueOf(value));
    }

    /** Calls a command by name the way Gogo would: a public method taking the typed arguments. */
    private String call(String function, Object... args) throws Exception {
        for (Method method : commands.getClass().getMethods()) {
            if (method.getName().equals(function) && method.getParameterCount() == args.length) {
                Object[] actual = args;
                if (method.isVarArgs()) {
                    actual = Arrays.copyOf(args, args.length);
                }
                return String.valueOf(method.invoke(commands, actual));
            }
        }
        throw new AssertionError("no command " + function + "/" + args.length);
    }

    @Test
    void devicesListsTheSimDeviceAsRunning() throws Exception {
        String line = call("devices").lines().filter(l -> l.startsWith("shell-sim ")).findFirst().orElseThrow();
        assertTrue(line.matches("shell-sim\\s+sim\\s+RUNNING\\s+2\\s+.*"), line);
    }

    @Test
    void channelsShowsTheLastValue() throws Exception {
        String line = call("channels", "shell-sim").lines().filter(l -> l.startsWith("level ")).findFirst().orElseThrow();
        assertTrue(line.matches("level\\s+read\\s+int32\\s+m\\s+7\\s+GOOD\\s+\\d+ (ms|s)"), line);
    }

    @Test
    void writeThenReadGoesThroughTheDevice() throws Exception {
        assertEquals("valve = true: written\n", call("write", "shell-sim", "valve", "on"));
        String line = call("read", "shell-sim", new String[] {"valve"}).lines().skip(1).findFirst().orElseThrow();
        assertTrue(line.matches("valve\\s+true\\s+GOOD"), line);
        assertEquals(Boolean.TRUE, devices.named("shell-sim").readNow(List.of("valve")).get(0).value().asObject());
    }

    @Test
    void operatorMistakesAreMessages() throws Exception {
        assertEquals("not written: channel 'valve' takes boolean: 'half' is not a boolean (true/false, 1/0, on/off)\n",
            call("write", "shell-sim", "valve", "half"));
        assertTrue(call("write", "shell-sim", "level", "3").contains("refused (channel 'level' is read-only)"));
        assertTrue(call("read", "no-such", new String[0]).startsWith("no device 'no-such'"));
    }
}
