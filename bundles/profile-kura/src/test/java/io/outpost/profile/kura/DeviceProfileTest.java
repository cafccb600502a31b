package io.outpost.profile.kura;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceProfileTest {

    @TempDir
    Path root;

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static Properties system() {
        Properties p = new Properties();
        p.setProperty("os.name", "Linux");
        p.setProperty("os.version", "6.1.0-rpi7");
        p.setProperty("os.arch", "aarch64");
        p.setProperty("java.vm.name", "OpenJDK 64-Bit Server VM");
        p.setProperty("java.runtime.version", "17.0.15+6");
        p.setProperty("java.specification.version", "17");
        return p;
    }

    private DeviceProfile read(KuraSettings settings) {
        return DeviceProfile.read(settings, root, system(), "org.apache.felix.framework", "7.0.5", "0.1.0");
    }

    @Test
    void readsTheDeviceTreeWithoutItsTrailingNul() throws IOException {
        write("proc/device-tree/model", "Raspberry Pi 4 Model B Rev 1.4\0");
        write("proc/device-tree/serial-number", "10000000abcdef01\0");
        write("etc/machine-id", "0123456789abcdef0123456789abcdef\n");
        write("proc/sys/kernel/hostname", "pump-station-7\n");
        write("proc/meminfo", "MemTotal:        3884376 kB\nMemFree:  1 kB\n");
        DeviceProfile profile = read(KuraSettings.defaults());
        assertEquals("Raspberry Pi 4 Model B Rev 1.4", profile.facts().get("model_name"));
        assertEquals("10000000abcdef01", profile.facts().get("serial_number"));
        assertEquals("pump-station-7", profile.displayName());
        assertEquals("3884376", profile.facts().get("total_memory"));
        assertEquals("Linux", profile.facts().get("os"));
        assertEquals("aarch64", profile.facts().get("os_arch"));
        assertEquals("JavaSE-17", profile.facts().get("jvm_profile"));
        assertEquals("Outpost", profile.facts().get("application_framework"));
        assertEquals("0.1.0", profile.facts().get("application_framework_version"));
        assertEquals("org.apache.felix.framework", profile.facts().get("osgi_framework"));
    }

    @Test
    void fallsBackToMachineIdAndDefaultsWhenThereIsNoDeviceTree() throws IOException {
        write("etc/machine-id", "0123456789abcdef0123456789abcdef\n");
        DeviceProfile profile = read(KuraSettings.defaults());
        assertEquals("0123456789abcdef0123456789abcdef", profile.facts().get("serial_number"));
        assertEquals("Outpost gateway", profile.facts().get("model_name"));
        assertEquals("outpost", profile.displayName());
        assertEquals(DeviceProfile.UNKNOWN, profile.facts().get("bios_version"));
    }

    @Test
    void configuredNamesWinOverWhatTheHostSays() throws IOException {
        write("proc/device-tree/serial-number", "10000000abcdef01\0");
        write("proc/sys/kernel/hostname", "raspberrypi\n");
        KuraSettings settings = new KuraSettings("$EDC", new PayloadFormat(PayloadFormat.Encoding.PROTOBUF, false),
            "Pump station 7", "PS-Controller", "PS-7", "SN-0007", 2000);
        DeviceProfile profile = read(settings);
        assertEquals("Pump station 7", profile.displayName());
        assertEquals("PS-Controller", profile.facts().get("model_name"));
        assertEquals("PS-7", profile.facts().get("model_id"));
        assertEquals("SN-0007", profile.facts().get("serial_number"));
    }
}
