package io.outpost.link.satellite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
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

import io.outpost.api.link.Link;
import io.outpost.api.link.LinkState;
import io.outpost.api.link.LinkStatus;
import io.outpost.api.link.DoesNotFitException;
import io.outpost.api.link.MessageTooLargeException;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.link.WireSize;
import io.outpost.codec.compact.Bearer;
import io.outpost.codec.compact.CommandInbox;
import io.outpost.codec.compact.CommandListener;
import io.outpost.codec.compact.Direction;
import io.outpost.codec.compact.FileSequence;
import io.outpost.codec.compact.FrameSealer;
import io.outpost.codec.compact.Frames;
import io.outpost.codec.compact.MessageBody;
import io.outpost.codec.compact.MessageSplitter;
import io.outpost.modem.at.AtSession;
import io.outpost.modem.at.SerialPortLine;

/**
 * The satellite link. One thread of its own owns the modem: it polls the signal, and runs one delivery at a time
 * (write the MO buffer, run sessions with doubling delays between them, clear the buffer on success). A delivery
 * fails back to its caller after {@code attemptsPerDelivery} failed sessions. The Link service is registered by
 * the component itself so its properties carry the {@link io.outpost.api.link.LinkDescriptor}.
 */
@Component(configurationPid = "io.outpost.link.satellite", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, service = {})
@Designate(ocd = SatelliteLinkConfig.class)
public final class SatelliteLink implements Link {

    static final String LINK_ID = "satellite";
    /** Iridium SBD's mobile-originated limit. */
    static final int MAX_MO_BYTES = 340;

    private static final Logger LOG = LoggerFactory.getLogger(SatelliteLink.class);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<CommandListener> commandListeners = List.of();

    private final SatelliteLinkSettings settings;
    private final FrameSealer sealer;
    private final CommandInbox inbox;
    private final ScheduledExecutorService worker;
    private final List<Runnable> stateListeners = new CopyOnWriteArrayList<>();
    private final java.util.Set<CompletableFuture<Void>> unfinished = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong failedSessions = new AtomicLong();
    private final AtomicLong reopens = new AtomicLong();
    private final ServiceRegistration<Link> registration;
    private volatile LinkState state = LinkState.DOWN;
    private volatile int signal = -1;
    private volatile int inFlight;
    private AtSession session;
    private SbdModem modem;

    @Activate
    public SatelliteLink(SatelliteLinkConfig config, BundleContext context) throws IOException {
        this.settings = SatelliteLinkSettings.parse(config);
        Path sequenceFile = settings.sequenceFile().isEmpty() ? context.getDataFile("satellite.sequence").toPath() : Path.of(settings.sequenceFile());
        this.sealer = new FrameSealer(settings.key(), Direction.UPLINK, Bearer.SATELLITE, new FileSequence(sequenceFile, 64));
        this.inbox = new CommandInbox(LINK_ID, settings.key(), Bearer.SATELLITE, context.getDataFile("satellite.downlink").toPath(), () -> commandListeners);
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outpost-link-satellite");
            t.setDaemon(true);
            return t;
        });
        worker.scheduleWithFixedDelay(this::poll, 0, settings.poll().toMillis(), TimeUnit.MILLISECONDS);
        Dictionary<String, Object> props = new Hashtable<>(settings.descriptor().toProperties());
        props.put(Link.ID, LINK_ID);
        this.registration = context.registerService(Link.class, this, props);
    }

    @Deactivate
    void close() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unfinished.forEach(f -> f.completeExceptionally(new IOException("link '" + LINK_ID + "' stopped")));
        if (session != null) {
            session.close();
        }
    }

    @Override
    public LinkState state() {
        return state;
    }

    @Override
    public int maxInFlight() {
        return 1;
    }

    @Override
    public int maxMessageBytes() {
        return MAX_MO_BYTES;
    }

    @Override
    public LinkStatus status() {
        return new LinkStatus(state, inFlight, reopens.get(), LinkStatus.percent(signal, 5));
    }

    /** Signal bars (0-5) at the last check, -1 when unknown. */
    public int signal() {
        return signal;
    }

    /**
     * The compact frames this message takes: one when it fits 340 bytes, else its metrics split over several
     * ({@link MessageSplitter}), one SBD session each.
     *
     * @throws DoesNotFitException for a class the link does not carry; {@link MessageTooLargeException} when a metric
     *     alone does not fit a frame
     */
    private List<byte[]> bodies(OutboundMessage message) {
        if (!settings.descriptor().allows(message.message().messageClass())) {
            throw new DoesNotFitException(LINK_ID, DoesNotFitException.Reason.CLASS_NOT_ALLOWED,
                "does not carry " + message.message().messageClass() + " messages");
        }
        try {
            return MessageSplitter.split(message.message(), MAX_MO_BYTES);
        } catch (IllegalArgumentException e) {
            throw new MessageTooLargeException(LINK_ID, MessageBody.encode(message.message()).length + Frames.OVERHEAD_BYTES, MAX_MO_BYTES,
                "one SBD mobile-originated message, compact frame included, even split: " + e.getMessage());
        }
    }

    @Override
    public Optional<WireSize> wireSize(OutboundMessage message) {
        List<byte[]> bodies = bodies(message);
        return Optional.of(new WireSize(MessageSplitter.frameBytes(bodies), bodies.size()));
    }

    /**
     * Sends the message's frames one after the other, each in its own sessions; it is delivered when the last is.
     * When a part fails after its attempts, the delivery fails and the outbox sends the whole message again later
     * (HQ may then see the first parts twice, under new sequence numbers).
     */
    @Override
    public CompletionStage<Void> deliver(OutboundMessage message) {
        List<byte[]> bodies;
        try {
            bodies = bodies(message);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (byte[] body : bodies) {
            chain = chain.thenCompose(v -> deliverFrame(body));
        }
        return chain;
    }

    private CompletableFuture<Void> deliverFrame(byte[] body) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        unfinished.add(done);
        done.whenComplete((v, e) -> unfinished.remove(done));
        try {
            worker.execute(() -> {
                inFlight = 1;
                attempt(done, body, null, 1);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.completeExceptionally(new IOException("link '" + LINK_ID + "' stopped"));
        }
        return done;
    }

    private void attempt(CompletableFuture<Void> done, byte[] body, byte[] sealed, int attempt) {
        try {
            tryOnce(done, body, sealed, attempt);
        } catch (RuntimeException e) {
            LOG.warn("link '{}': delivery failed", LINK_ID, e);
            finish(done, e);
        }
    }

    private void tryOnce(CompletableFuture<Void> done, byte[] body, byte[] sealed, int attempt) {
        byte[] frame = sealed;
        try {
            if (frame == null) {
                frame = sealer.seal(body);
            }
        } catch (IllegalStateException e) {
            finish(done, e);
            return;
        }
        String failure;
        if (!ensureModem()) {
            failure = "the modem is not reachable";
        } else if (modem.writeMobileOriginated(frame) != 0) {
            failure = "the modem did not take the message (AT+SBDWB)";
        } else {
            sessions.incrementAndGet();
            Optional<SbdixResult> result = modem.session();
            result.filter(SbdixResult::mtReceived).ifPresent(r -> readMobileTerminated());
            if (result.isPresent() && result.get().moSent()) {
                modem.clearMobileOriginated();
                finish(done, null);
                return;
            }
            failedSessions.incrementAndGet();
            failure = result.map(r -> "session failed with MO status " + r.moStatus()).orElse("no +SBDIX answer");
        }
        afterFailure();
        if (attempt >= settings.attempts()) {
            finish(done, new IOException("link '" + LINK_ID + "': " + failure + " (attempt " + attempt + " of " + settings.attempts() + ")"));
            return;
        }
        long delay = settings.retryDelayMillis(attempt);
        LOG.info("link '{}': {}; trying again in {} ms", LINK_ID, failure, delay);
        byte[] keep = frame;
        try {
            worker.schedule(() -> attempt(done, body, keep, attempt + 1), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            finish(done, new IOException("link '" + LINK_ID + "' stopped"));
        }
    }

    private void finish(CompletableFuture<Void> done, Throwable failure) {
        inFlight = 0;
        if (failure == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(failure);
        }
    }

    private void readMobileTerminated() {
        modem.readMobileTerminated().ifPresentOrElse(inbox::receive,
            () -> LOG.warn("link '{}': a mobile-terminated message could not be read", LINK_ID));
    }

    private void poll() {
        try {
            if (!ensureModem()) {
                setState(LinkState.DOWN);
                return;
            }
            Optional<Integer> bars = modem.signal();
            signal = bars.orElse(-1);
            if (!modem.lastAnswered()) {
                afterFailure();
            }
            setState(bars.isPresent() && bars.get() >= settings.minSignal() ? LinkState.UP : LinkState.DOWN);
        } catch (RuntimeException e) {
            LOG.warn("link '{}': poll failed", LINK_ID, e);
        }
    }

    /** After a failure: when the modem did not answer at all, the port is closed and opened again at the next use. */
    private void afterFailure() {
        if (modem != null && !modem.lastAnswered()) {
            setState(LinkState.DOWN);
            if (!session.isOpen()) {
                session = null;
                modem = null;
            }
        }
    }

    private boolean ensureModem() {
        if (modem != null) {
            return true;
        }
        try {
            AtSession s = new AtSession(SerialPortLine.open(settings.port(), settings.baudRate()), LINK_ID);
            SbdModem m = new SbdModem(s, settings.commandTimeout(), settings.sessionTimeout());
            if (!m.init()) {
                s.close();
                return false;
            }
            session = s;
            modem = m;
            reopens.incrementAndGet();
            return true;
        } catch (IOException e) {
            LOG.warn("link '{}': {}", LINK_ID, e.getMessage());
            return false;
        }
    }

    private void setState(LinkState next) {
        if (state != next) {
            state = next;
            LOG.info("link '{}' is {} (signal {})", LINK_ID, next, signal);
            stateListeners.forEach(l -> {
                try {
                    l.run();
                } catch (RuntimeException e) {
                    LOG.warn("link '{}': state listener failed", LINK_ID, e);
                }
            });
        }
    }

    @Override
    public AutoCloseable onStateChange(Runnable listener) {
        stateListeners.add(listener);
        return () -> stateListeners.remove(listener);
    }

    /** Sessions tried, sessions failed, commands received and refused: for operators. */
    public String counters() {
        return "sessions " + sessions.get() + ", failed " + failedSessions.get() + ", commands " + inbox.accepted()
            + ", refused frames " + inbox.refused();
    }
}
