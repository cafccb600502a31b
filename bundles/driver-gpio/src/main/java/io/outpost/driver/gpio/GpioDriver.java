package io.outpost.driver.gpio;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.pi4j.context.Context;

import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.DeviceConfiguration;
import io.outpost.api.driver.DeviceConnection;
import io.outpost.api.driver.Driver;
import io.outpost.api.driver.DriverException;

/**
 * The {@code gpio} driver. Channel parameters: {@code pin}, {@code mode}, {@code pull}, {@code debounceMillis},
 * {@code initial}, {@code frequency} (see {@link GpioChannel}); device property {@code provider} overrides the
 * driver's. Each Pi4J context it creates is also registered as a {@link Context} service with property
 * {@value #PROVIDER_PROPERTY}, so tests and other bundles share the pins instead of opening a second context.
 */
@Component(configurationPid = "io.outpost.driver.gpio", configurationPolicy = ConfigurationPolicy.OPTIONAL,
    property = {Driver.ID + "=gpio",
        // the keys this driver reads, so the sampler can name any other key as unknown (see docs/drivers.md)
        "outpost.driver.deviceKeys=provider", "outpost.driver.channelKeys=pin,mode,pull,debounceMillis,initial,frequency"})
@Designate(ocd = GpioDriverConfig.class)
public final class GpioDriver implements Driver {

    static final String PROVIDER_PROPERTY = "outpost.gpio.provider";
    private static final Logger LOG = LoggerFactory.getLogger(GpioDriver.class);

    private final String defaultProvider;
    private final BoardDetection board;
    private final GpioPlatforms platforms;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    @Activate
    public GpioDriver(GpioDriverConfig config, BundleContext bundleContext) {
        this(config.provider(), Path.of(config.root().isBlank() ? "/" : config.root().trim()), config.pwmChip(), Clock.systemUTC(),
            (provider, context) -> {
                Dictionary<String, Object> properties = new Hashtable<>();
                properties.put(PROVIDER_PROPERTY, provider.id());
                ServiceRegistration<Context> registration = bundleContext.registerService(Context.class, context, properties);
                return registration::unregister;
            });
    }

    GpioDriver(String defaultProvider, Path root, int pwmChip, Clock clock, GpioPlatforms.Publisher publisher) {
        this.defaultProvider = defaultProvider == null ? "auto" : defaultProvider;
        this.board = new BoardDetection(root);
        this.platforms = new GpioPlatforms(pwmChip, publisher);
        this.clock = clock;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = Executors.defaultThreadFactory().newThread(runnable);
            thread.setName("outpost-gpio-debounce");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    @Override
    public Optional<String> problemWith(ChannelDescriptor channel) {
        try {
            GpioChannel.of(channel);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public DeviceConnection connect(DeviceConfiguration device) throws DriverException {
        String requested = device.property("provider", defaultProvider);
        GpioProvider provider;
        try {
            provider = board.choose(requested);
        } catch (IllegalArgumentException e) {
            throw new DriverException("device '" + device.name() + "': " + e.getMessage(), e);
        }
        if (provider == GpioProvider.MOCK && !requested.equalsIgnoreCase("mock")) {
            String model = board.model();
            LOG.info("GPIO device '{}': no Raspberry Pi here ({}), so its pins are Pi4J's mock platform; "
                + "set provider=gpiod or linuxfs to force real pins", device.name(),
                model.isEmpty() ? "no /proc/device-tree/model" : "model '" + model + "'");
        }
        try {
            return new GpioConnection(device.name(), platforms.context(provider), clock, timer);
        } catch (RuntimeException | LinkageError e) {
            throw new DriverException("device '" + device.name() + "': Pi4J provider '" + provider.id() + "' cannot start: " + e, e);
        }
    }

    @Deactivate
    void close() {
        platforms.close();
        timer.shutdownNow();
    }
}
