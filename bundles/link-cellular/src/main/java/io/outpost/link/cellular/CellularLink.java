package io.outpost.link.cellular;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

import io.outpost.api.link.DoesNotFitException;
import io.outpost.api.link.Link;
import io.outpost.api.link.LinkState;
import io.outpost.api.link.LinkStatus;
import io.outpost.api.link.MessageTooLargeException;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.link.WireSize;
import io.outpost.api.sms.TextMessages;
import io.outpost.codec.compact.Bearer;
import io.outpost.codec.compact.CommandInbox;
import io.outpost.codec.compact.CommandListener;
import io.outpost.codec.compact.Direction;
import io.outpost.codec.compact.FileSequence;
import io.outpost.codec.compact.FrameSealer;
import io.outpost.codec.compact.Frames;
import io.outpost.codec.compact.MessageBody;
import io.outpost.codec.compact.SmsText;
import io.outpost.modem.at.AtResponse;
import io.outpost.modem.at.AtSession;
import io.outpost.modem.at.SerialPortLine;

/**
 * The cellular SMS link. Its own thread owns the modem: start-up (echo off, SIM, text mode, registration URCs,
 * IMEI, ICCID), a poll of registration and signal, SMS out and in. URCs ({@code +CREG:}, {@code +CEREG:},
 * {@code +CMTI:}, {@code RING}) are handed to that thread. When {@code unansweredBeforeReset} commands in a row get
 * no answer, the reset command is sent, the reset counted, and start-up runs again.
 */
@Component(configurationPid = "io.outpost.link.cellular", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, service = {})
@Designate(ocd = CellularLinkConfig.class)
public final class CellularLink implements Link {

    static final String LINK_ID = "cellular-sms";
    public static final String IMEI = "outpost.modem.imei";
    public static final String ICCID = "outpost.modem.iccid";
    public static final String OPERATOR = "outpost.modem.operator";
    public static final String RESETS = "outpost.modem.resets";
    public static final String SIGNAL = "outpost.modem.signal";

    private static final Logger LOG = LoggerFactory.getLogger(CellularLink.class);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<CommandListener> commandListeners = List.of();

    private final CellularLinkSettings settings;
    private final FrameSealer sealer;
    private final SmsInbox inbox;
    private final ScheduledExecutorService worker;
    private final List<Runnable> stateListeners = new CopyOnWriteArrayList<>();
    private final java.util.Set<CompletableFuture<Void>> unfinished = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong resets = new AtomicLong();
    private final AtomicLong rings = new AtomicLong();
    private final ServiceRegistration<Link> registration;
    private final ServiceRegistration<TextMessages> textRegistration;
    private final Map<String, Object> baseProperties = new TreeMap<>();
    private Map<String, Object> published;
    private volatile LinkState state = LinkState.DOWN;
    private volatile int inFlight;
    private CellularModem modem;
    private boolean started;
    private String imei = "";
    private String iccid = "";
    private String operator = "";
    private volatile int signal = 99;

    @Activate
    public CellularLink(CellularLinkConfig config, BundleContext context) throws IOException {
        this.settings = CellularLinkSettings.parse(config);
        Path sequenceFile = settings.sequenceFile().isEmpty() ? context.getDataFile("sms.sequence").toPath() : Path.of(settings.sequenceFile());
        this.sealer = new FrameSealer(settings.key(), Direction.UPLINK, Bearer.SMS, new FileSequence(sequenceFile, 64));
        this.inbox = new SmsInbox(settings,
            new CommandInbox(LINK_ID, settings.key(), Bearer.SMS, context.getDataFile("sms.downlink").toPath(), () -> commandListeners));
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outpost-link-cellular");
            t.setDaemon(true);
            return t;
        });
        baseProperties.putAll(settings.descriptor().toProperties());
        baseProperties.put(Link.ID, LINK_ID);
        published = properties();
        this.registration = context.registerService(Link.class, this, new Hashtable<>(published));
        this.textRegistration = context.registerService(TextMessages.class, new ModemTextMessages(this::sendText),
            new Hashtable<>(Map.of(Link.ID, LINK_ID)));
        worker.scheduleWithFixedDelay(this::poll, 0, settings.poll().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void close() {
        for (ServiceRegistration<?> r : List.of(textRegistration, registration)) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping
            }
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unfinished.forEach(f -> f.completeExceptionally(new IOException("link '" + LINK_ID + "' stopped")));
        if (modem != null) {
            modem.close();
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
        return SmsText.MAX_FRAME_BYTES;
    }

    @Override
    public LinkStatus status() {
        int rssi = signal;
        return new LinkStatus(state, inFlight, resets.get(), LinkStatus.percent(rssi, 31));
    }

    /**
     * The compact body of one SMS.
     *
     * @throws DoesNotFitException for a class the link does not carry; {@link MessageTooLargeException} when it does
     *     not fit one SMS (concatenated SMS are not sent)
     */
    private byte[] body(OutboundMessage message) {
        if (!settings.descriptor().allows(message.message().messageClass())) {
            throw new DoesNotFitException(LINK_ID, DoesNotFitException.Reason.CLASS_NOT_ALLOWED,
                "does not carry " + message.message().messageClass() + " messages");
        }
        byte[] body = MessageBody.encode(message.message());
        int frameBytes = body.length + Frames.OVERHEAD_BYTES;
        if (frameBytes > SmsText.MAX_FRAME_BYTES) {
            throw new MessageTooLargeException(LINK_ID, frameBytes, SmsText.MAX_FRAME_BYTES,
                "one 160-character SMS, compact frame in base64 included");
        }
        return body;
    }

    /** One SMS: the frame's bytes (base64 makes it up to 160 characters). */
    @Override
    public Optional<WireSize> wireSize(OutboundMessage message) {
        return Optional.of(WireSize.of(body(message).length + Frames.OVERHEAD_BYTES));
    }

    @Override
    public CompletionStage<Void> deliver(OutboundMessage message) {
        byte[] body;
        try {
            body = body(message);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        unfinished.add(done);
        done.whenComplete((v, e) -> unfinished.remove(done));
        try {
            worker.execute(() -> send(done, body));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.completeExceptionally(new IOException("link '" + LINK_ID + "' stopped"));
        }
        return done;
    }

    private void send(CompletableFuture<Void> done, byte[] body) {
        inFlight = 1;
        try {
            if (!ensureStarted() || !state.carries()) {
                done.completeExceptionally(new IOException("link '" + LINK_ID + "' is down"));
                return;
            }
            String text = SmsText.encode(sealer.seal(body));
            AtResponse r = modem.sendSms(settings.hqNumber(), text);
            if (r.ok()) {
                done.complete(null);
            } else {
                done.completeExceptionally(new IOException("link '" + LINK_ID + "': SMS not accepted: " + r));
            }
            checkAnswering();
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        } finally {
            inFlight = 0;
        }
    }

    /** A plain text SMS (checked by {@link ModemTextMessages}) on the link's thread, behind its own traffic. */
    private CompletionStage<String> sendText(String number, String text) {
        CompletableFuture<String> done = new CompletableFuture<>();
        try {
            worker.execute(() -> {
                try {
                    if (!ensureStarted() || !state.carries()) {
                        done.completeExceptionally(new IOException("link '" + LINK_ID + "' is down"));
                        return;
                    }
                    AtResponse r = modem.sendSms(number, text);
                    if (r.ok()) {
                        done.complete(r.value("+CMGS:").map(String::trim).orElse(""));
                    } else {
                        done.completeExceptionally(new IOException("link '" + LINK_ID + "': SMS not accepted: " + r));
                    }
                    checkAnswering();
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.completeExceptionally(new IOException("link '" + LINK_ID + "' stopped"));
        }
        return done;
    }

    private void poll() {
        try {
            if (!ensureStarted()) {
                setState(LinkState.DOWN);
                checkAnswering();
                return;
            }
            Optional<Registration> reg = modem.registration();
            Optional<Integer> csq = modem.signal();
            signal = csq.orElse(99);
            boolean registered = reg.map(Registration::registered).orElse(false);
            if (registered && operator.isEmpty()) {
                operator = modem.operator().orElse("");
            }
            setState(stateFor(registered, signal));
            checkAnswering();
            publish();
        } catch (RuntimeException e) {
            LOG.warn("link '{}': poll failed", LINK_ID, e);
        }
    }

    /** Opens the port and runs start-up when not done yet; false when the modem is not usable now. */
    private boolean ensureStarted() {
        if (modem == null || !modem.isOpen()) {
            try {
                modem = new CellularModem(new AtSession(SerialPortLine.open(settings.port(), settings.baudRate()), LINK_ID),
                    settings.commandTimeout(), settings.smsTimeout());
            } catch (IOException e) {
                LOG.warn("link '{}': {}", LINK_ID, e.getMessage());
                modem = null;
                return false;
            }
            modem.onUrc("+CREG:", urc -> later(this::poll));
            modem.onUrc("+CEREG:", urc -> later(this::poll));
            modem.onUrc("+CMTI:", urc -> later(() -> {
                if (started) {
                    inbox.readAnnounced(modem, urc);
                }
            }));
            modem.onUrc("RING", urc -> rings.incrementAndGet());
            started = false;
        }
        if (started) {
            return true;
        }
        if (!modem.echoOff()) {
            return false;
        }
        String sim = modem.simState();
        if (!"READY".equals(sim)) {
            LOG.warn("link '{}': SIM is not ready: {}", LINK_ID, sim);
            return false;
        }
        modem.smsTextMode();
        modem.registrationUrcs();
        imei = modem.imei().orElse("");
        iccid = modem.iccid().orElse("");
        started = true;
        LOG.info("link '{}': modem IMEI {} SIM {}", LINK_ID, imei, iccid);
        inbox.readStored(modem);
        return true;
    }

    /** Runs {@code task} on the link's thread; dropped when the link is stopping. */
    private void later(Runnable task) {
        try {
            worker.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the link is closing; the URC no longer matters
        }
    }

    private void checkAnswering() {
        if (modem != null && modem.unansweredInARow() >= settings.unansweredBeforeReset()) {
            long n = resets.incrementAndGet();
            LOG.warn("link '{}': the modem stopped answering; reset {} with {}", LINK_ID, n, settings.resetCommand());
            setState(LinkState.DOWN);
            modem.reset(settings.resetCommand());
            started = false;
            publish();
        }
    }

    private Map<String, Object> properties() {
        Map<String, Object> p = new TreeMap<>(baseProperties);
        p.put(IMEI, imei);
        p.put(ICCID, iccid);
        p.put(OPERATOR, operator);
        p.put(SIGNAL, signal);
        p.put(RESETS, resets.get());
        return p;
    }

    private void publish() {
        Map<String, Object> p = properties();
        if (!p.equals(published)) {
            published = p;
            try {
                Dictionary<String, Object> d = new Hashtable<>(p);
                registration.setProperties(d);
            } catch (IllegalStateException e) {
                // unregistered while closing
            }
        }
    }

    /** DOWN unregistered or below {@code minSignal}; DEGRADED below {@code degradedBelowSignal}; else UP (99 is "not known"). */
    private LinkState stateFor(boolean registered, int rssi) {
        if (!registered || rssi == 99 || rssi < settings.minSignal()) {
            return LinkState.DOWN;
        }
        return rssi < settings.degradedBelowSignal() ? LinkState.DEGRADED : LinkState.UP;
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

    /** For operators: resets, rings, commands accepted, frames refused, other SMS. */
    public String counters() {
        return "resets " + resets.get() + ", rings " + rings.get() + ", commands " + inbox.commandsAccepted() + ", refused frames "
            + inbox.framesRefused() + ", other SMS " + inbox.others();
    }
}
