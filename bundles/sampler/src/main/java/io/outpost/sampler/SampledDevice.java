package io.outpost.sampler;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.data.Reading;
import io.outpost.api.data.ReadingListener;
import io.outpost.api.data.Value;
import io.outpost.api.device.Device;
import io.outpost.api.device.DeviceState;
import io.outpost.api.device.DeviceStatus;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelRecord;
import io.outpost.api.driver.DeviceConfiguration;
import io.outpost.api.driver.DeviceConnection.WriteRequest;
import io.outpost.api.driver.Driver;
import io.outpost.api.driver.DriverException;

/**
 * One configured device. Binds the driver its configuration names when that driver is installed (and parks
 * when it goes), polls on a thread of its own so a slow device never delays another, and hands each poll's
 * readings to every {@link ReadingListener}.
 */
@Component(configurationPid = "io.outpost.device", configurationPolicy = ConfigurationPolicy.REQUIRE, service = Device.class, immediate = true)
@Designate(ocd = DeviceConfig.class, factory = true)
public final class SampledDevice implements Device {

    private static final Logger LOG = LoggerFactory.getLogger(SampledDevice.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final DeviceSettings settings;
    private final Clock clock;
    private final Duration callTimeout;
    private final ScheduledExecutorService deviceThread;
    private final List<Candidate> candidates = new CopyOnWriteArrayList<>();
    private final Map<String, Reading> lastReadings = new ConcurrentHashMap<>();
    private volatile DeviceSession session;
    private volatile ScheduledFuture<?> poll;
    private volatile DeviceState state;
    /** Set once DS has injected every reference: no reading may be taken before its listeners are known. */
    private volatile boolean activated;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile List<ReadingListener> listeners = List.of();

    @Activate
    public SampledDevice(Map<String, Object> properties) {
        this(properties, Clock.systemUTC());
    }

    SampledDevice(Map<String, Object> properties, Clock clock) {
        this(properties, clock, CALL_TIMEOUT);
    }

    SampledDevice(Map<String, Object> properties, Clock clock, Duration callTimeout) {
        this.settings = DeviceSettings.parse(properties);
        this.clock = clock;
        this.callTimeout = callTimeout;
        settings.problems().forEach(problem -> LOG.warn("{}", problem));
        this.deviceThread = DeviceThreads.single("outpost-device-" + settings.device().name());
        this.state = state(DeviceStatus.WAITING_FOR_DRIVER, "waiting for driver '" + settings.device().driver() + "'", List.of());
    }

    /** A driver service that offers the driver this device names, with the keys it declares. */
    private record Candidate(Driver driver, DriverKeys keys) {
    }

    /** The state with this configuration's warnings: its problems, and the keys neither the sampler nor the driver reads. */
    private DeviceState state(DeviceStatus status, String detail, List<UnknownKeys.UnknownKey> unknown) {
        List<String> warnings = new ArrayList<>(settings.problems());
        unknown.forEach(key -> warnings.add(key.warning()));
        String summary = UnknownKeys.summary(unknown);
        return new DeviceState(status, summary.isEmpty() ? detail : detail + "; " + summary, warnings);
    }

    /** Called by DS after the constructor and the reference injection. */
    @Activate
    void start() {
        activated = true;
        deviceThread.execute(this::connectIfPossible);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindDriver(Driver driver, Map<String, Object> properties) {
        if (settings.device().driver().equals(String.valueOf(properties.get(Driver.ID)))) {
            candidates.add(new Candidate(driver, DriverKeys.of(properties)));
            deviceThread.execute(this::connectIfPossible);
        }
    }

    void unbindDriver(Driver driver) {
        if (candidates.removeIf(c -> c.driver() == driver) && !deviceThread.isShutdown()) {
            callOnDeviceThread(() -> {
                DeviceSession current = session;
                if (current != null && current.driver() == driver) {
                    disconnect();
                    state = state(DeviceStatus.WAITING_FOR_DRIVER, "driver '" + settings.device().driver() + "' went away", List.of());
                    LOG.info("device '{}' parked: its driver '{}' went away", name(), driver());
                    connectIfPossible();
                }
                return null;
            });
        }
    }

    /**
     * Disconnects on the device thread. When that thread is stuck in the driver beyond the call timeout, the connection
     * is closed from here instead: {@code shutdownNow} would drop the queued disconnect, leaking the socket or serial
     * port so that the device, created again, could not open it. Closing it is also what frees a thread blocked on it.
     */
    @Deactivate
    void deactivate() {
        try {
            callOnDeviceThread(() -> {
                disconnect();
                return null;
            });
        } catch (IllegalStateException e) {
            LOG.warn("{}; closing its connection from the deactivating thread", e.getMessage());
            disconnect();
        } finally {
            deviceThread.shutdownNow();
        }
    }

    private void connectIfPossible() {
        if (!activated || session != null || deviceThread.isShutdown()) {
            return;
        }
        if (candidates.isEmpty()) {
            LOG.info("device '{}' waits for driver '{}' (no installed bundle provides it yet)", name(), driver());
            return;
        }
        Candidate candidate = candidates.get(0);
        Driver driver = candidate.driver();
        DeviceConfiguration device = settings.device();
        List<UnknownKeys.UnknownKey> unknown = UnknownKeys.in(device, candidate.keys());
        unknown.forEach(key -> LOG.warn("{}", key.warning()));
        try {
            DeviceSession opened = DeviceSession.open(device, driver, clock);
            session = opened;
            state = state(DeviceStatus.RUNNING, opened.usableChannels().size() + " channel(s)"
                + (opened.refusedReadings().isEmpty() ? "" : ", " + opened.refusedReadings().size() + " refused"), unknown);
            publish(opened.refusedReadings());
            opened.startPushes(this::publish);
            // fixed delay: a device slower than its period is polled back to back, never in a catch-up burst that would
            // starve readNow, write and deactivation queued on the same thread
            poll = deviceThread.scheduleWithFixedDelay(this::pollOnce, 0, settings.pollMillis(), TimeUnit.MILLISECONDS);
            LOG.info("device '{}' running on driver '{}' every {} ms", name(), driver(), settings.pollMillis());
        } catch (DriverException | RuntimeException e) {
            state = state(DeviceStatus.FAILED, "driver '" + driver() + "' refused the device: " + e.getMessage(), unknown);
            LOG.warn("device '{}': {}", name(), state.detail());
        }
    }

    private void pollOnce() {
        DeviceSession current = session;
        if (current != null) {
            publish(current.poll());
        }
    }

    private void publish(List<Reading> readings) {
        if (readings.isEmpty()) {
            return;
        }
        readings.forEach(r -> lastReadings.put(r.channel(), r));
        for (ReadingListener listener : listeners) {
            try {
                listener.onReadings(readings);
            } catch (RuntimeException e) {
                LOG.warn("a reading listener failed: {}", e.toString());
            }
        }
    }

    /** Stops polling and closes the session; safe from any thread, the session is closed once. */
    private void disconnect() {
        ScheduledFuture<?> scheduled = poll;
        if (scheduled != null) {
            scheduled.cancel(false);
            poll = null;
        }
        DeviceSession current = takeSession();
        if (current != null) {
            current.close();
        }
    }

    private synchronized DeviceSession takeSession() {
        DeviceSession current = session;
        session = null;
        return current;
    }

    private <T> T callOnDeviceThread(java.util.concurrent.Callable<T> task) {
        if (deviceThread.isShutdown()) {
            throw new IllegalStateException("device '" + name() + "' is stopped");
        }
        try {
            return deviceThread.submit(task).get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("device '" + name() + "' did not answer within " + callTimeout.toMillis() + " ms", e);
        }
    }

    @Override
    public String name() {
        return settings.device().name();
    }

    @Override
    public String driver() {
        return settings.device().driver();
    }

    @Override
    public DeviceState state() {
        return state;
    }

    @Override
    public List<ChannelDescriptor> channels() {
        return settings.device().channels();
    }

    @Override
    public List<Reading> lastReadings() {
        List<Reading> ordered = new ArrayList<>();
        for (ChannelDescriptor channel : channels()) {
            Reading reading = lastReadings.get(channel.name());
            if (reading != null) {
                ordered.add(reading);
            }
        }
        return ordered;
    }

    @Override
    public List<Reading> readNow(List<String> names) {
        return callOnDeviceThread(() -> new ChannelAccess(settings.device(), session, clock).read(names, lastReadings));
    }

    @Override
    public List<ChannelRecord> write(Map<String, Value> values) {
        return callOnDeviceThread(() -> new ChannelAccess(settings.device(), session, clock).write(values));
    }
}
