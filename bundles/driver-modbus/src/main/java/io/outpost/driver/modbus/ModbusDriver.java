package io.outpost.driver.modbus;

import java.time.Clock;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.DeviceConfiguration;
import io.outpost.api.driver.DeviceConnection;
import io.outpost.api.driver.Driver;
import io.outpost.api.driver.DriverException;

/**
 * The {@code modbus} driver. Device properties: see {@link LinkSettings}; channel parameters: see
 * {@link ModbusChannel}. Connections are opened lazily at the first read, so an unreachable device gives BAD
 * readings rather than a refused configuration.
 */
@Component(property = {Driver.ID + "=modbus",
    // the keys this driver reads, so the sampler can name any other key as unknown (see docs/drivers.md)
    "outpost.driver.deviceKeys=transport,endpoint,baudRate,parity,dataBits,stopBits,timeoutMillis,mergeBlocks,maxGap",
    "outpost.driver.channelKeys=unitId,area,address,dataType,wordOrder"})
public final class ModbusDriver implements Driver {

    private final Clock clock;

    public ModbusDriver() {
        this(Clock.systemUTC());
    }

    ModbusDriver(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<String> problemWith(ChannelDescriptor channel) {
        try {
            ModbusChannel.parse(channel);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public DeviceConnection connect(DeviceConfiguration device) throws DriverException {
        LinkSettings settings;
        try {
            settings = LinkSettings.parse(device.properties());
        } catch (IllegalArgumentException e) {
            throw new DriverException("modbus device '" + device.name() + "': " + e.getMessage(), e);
        }
        return new ModbusDevice(device.name(), new J2modLine(settings),
            new BlockPlanner(settings.mergeBlocks(), settings.maxGap()), clock);
    }
}
