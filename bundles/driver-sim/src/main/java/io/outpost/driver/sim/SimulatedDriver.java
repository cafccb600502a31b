package io.outpost.driver.sim;

import java.time.Clock;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.DeviceConfiguration;
import io.outpost.api.driver.DeviceConnection;
import io.outpost.api.driver.Driver;

/**
 * The {@code sim} driver. Channel parameters: {@code waveform} (sine, random-walk, counter, switch, sequence),
 * {@code min}, {@code max}, {@code periodSeconds}, {@code rate} (counter units per second), {@code values}
 * (sequence), {@code seed} (random walk).
 */
@Component(property = {Driver.ID + "=sim",
    // the keys this driver reads, so the sampler can name any other key as unknown (see docs/drivers.md)
    "outpost.driver.deviceKeys=", "outpost.driver.channelKeys=waveform,min,max,periodSeconds,rate,values,seed"})
public final class SimulatedDriver implements Driver {

    private final Clock clock;

    public SimulatedDriver() {
        this(Clock.systemUTC());
    }

    SimulatedDriver(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<String> problemWith(ChannelDescriptor channel) {
        try {
            SimulatedChannel.of(channel, 0);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public DeviceConnection connect(DeviceConfiguration device) {
        return new SimulatedDevice(clock);
    }
}
