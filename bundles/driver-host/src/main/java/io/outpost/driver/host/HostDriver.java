package io.outpost.driver.host;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.DeviceConfiguration;
import io.outpost.api.driver.DeviceConnection;
import io.outpost.api.driver.Driver;

/**
 * The {@code host} driver. Channel parameters: {@code metric} (cpu-load, memory-free, disk-free,
 * cpu-temperature, uptime, jvm-heap-used), {@code source} (cpu-load: load-average, system, process),
 * {@code path} (disk-free), {@code zone} (cpu-temperature). Read-only.
 */
@Component(configurationPid = "io.outpost.driver.host", configurationPolicy = ConfigurationPolicy.OPTIONAL,
    property = {Driver.ID + "=host",
        // the keys this driver reads, so the sampler can name any other key as unknown (see docs/drivers.md)
        "outpost.driver.deviceKeys=", "outpost.driver.channelKeys=metric,source,path,zone"})
@Designate(ocd = HostDriverConfig.class)
public final class HostDriver implements Driver {

    private final HostProbe probe;
    private final Clock clock;

    @Activate
    public HostDriver(HostDriverConfig config) {
        this(Path.of(config.root().isBlank() ? "/" : config.root().trim()), Clock.systemUTC());
    }

    HostDriver(Path root, Clock clock) {
        this.probe = new HostProbe(root);
        this.clock = clock;
    }

    @Override
    public Optional<String> problemWith(ChannelDescriptor channel) {
        try {
            HostChannel.of(channel);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public DeviceConnection connect(DeviceConfiguration device) {
        return new HostConnection(probe, clock);
    }
}
