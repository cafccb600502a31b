package io.outpost.link.mqtt;

import java.net.InetAddress;
import java.net.URI;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;


import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.link.Link;
import io.outpost.api.link.LinkState;
import io.outpost.api.link.LinkStatus;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.profile.CloudProfile;
import io.outpost.api.profile.EncodedMessage;
import io.outpost.api.profile.GatewayIdentity;
import io.outpost.net.NoDelaySockets;

/**
 * The {@code wired} link. Messages are encoded by the configured cloud profile and published with Paho; a
 * delivery completes on the broker's PUBACK and on nothing else (see {@link PublishRules} for what is refused,
 * {@link MqttSession} for why the outbox, not Paho, resends). The birth certificate goes out on every connect,
 * the profile's last will is registered with the broker, and a clean stop publishes the disconnect message. A
 * configuration outside the metatype's ranges is refused ({@link MqttLinkSettings}).
 * <p>
 * The component registers its {@link Link} service itself, once it is built: a refused configuration then leaves
 * no service behind at all (a DS-registered service of a component whose activation failed stays registered with
 * a factory that returns null, and whoever looks links up finds that one first).
 */
@Component(configurationPid = "io.outpost.link.mqtt", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
    service = {})
@Designate(ocd = MqttLinkConfig.class)
public final class MqttLink implements Link, MqttSession.Events {

    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);

    /** Paho in-flight slots kept for the link's own messages (birth, disconnect). */
    private static final int CONTROL_SLACK = 4;

    /** The id the main instance registers under. */
    static final String LINK_ID = "wired";

    /** This instance's id, descriptor and whether it announces the gateway ({@link MqttLinkRole}). */
    private final MqttLinkRole role;
    /** Messages sized by {@link #wireSize} and not yet delivered: encoded once, not twice. */
    private final java.util.Map<Long, EncodedMessage> sized = new java.util.concurrent.ConcurrentHashMap<>();

    /** Consecutive connection losses over the same unconfirmed message after which its size counts as too large. */
    private static final int LOSSES_TO_REFUSE_A_SIZE = 3;

    private final CloudProfile profile;
    private final GatewayIdentity identity;
    private final String brokerUrl;
    private final int maxInFlight;
    private final int maxMessageBytes;
    private final boolean cleanSession;
    private final AtomicBoolean qosWarned = new AtomicBoolean();
    private final ScheduledExecutorService timer;
    private final MqttSession session;
    private final List<Runnable> stateListeners = new CopyOnWriteArrayList<>();
    private final AutoCloseable birthWatch;
    private final ControlIntake intake;
    private final ReplyExpiry replyExpiry;
    private final LongAdder expiredReplies = new LongAdder();

    /** Where the request dispatcher is looked up, and the link registered; null for a link wired by hand. */
    private final BundleContext context;
    private final DispatcherLookup dispatchers;
    private volatile ServiceRegistration<Link> registration;

    /** The link without a service registration and without requests from HQ (the bench wires it by hand). */
    MqttLink(MqttLinkConfig config, CloudProfile profile) throws Exception {
        this(config, profile, null);
    }

    @Activate
    public MqttLink(MqttLinkConfig config, @Reference(name = "profile") CloudProfile profile, BundleContext context) throws Exception {
        this.context = context;
        this.role = MqttLinkRole.parse(config);
        MqttLinkSettings settings = MqttLinkSettings.parse(role.id(), config);
        this.profile = profile;
        this.brokerUrl = config.brokerUrl().trim();
        this.identity = new GatewayIdentity(config.account(), config.clientId().isBlank() ? defaultClientId() : config.clientId());
        this.maxInFlight = settings.maxInFlight();
        this.maxMessageBytes = settings.maxMessageBytes();
        this.cleanSession = config.cleanSession();
        this.replyExpiry = new ReplyExpiry(settings.replyTtl().toMillis());
        this.dispatchers = new DispatcherLookup(context);
        this.intake = new ControlIntake(profile, identity, dispatchers::dispatch, settings.requestWorkers(), settings.requestQueue());
        javax.net.ssl.SSLSocketFactory tls = "ssl".equals(settings.brokerUri().getScheme())
            ? TlsSockets.create(config.caFile(), config.clientCertFile(), config.clientKeyFile()) : null;
        String mqttClientId = role.announce() ? identity.clientId() : identity.clientId() + "-" + role.id();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "outpost-mqtt-link");
            t.setDaemon(true);
            return t;
        });
        // a fresh client with empty persistence per connection: Paho never resends, the outbox does (see MqttSession)
        // Paho's classes and the profile's last will are first touched on the link's own thread, at its first connect:
        // the start-up thread goes on meanwhile to the bundles after this one (the sampler and the drivers among them)
        this.session = new MqttSession(brokerUrl, () -> new MqttAsyncClient(brokerUrl, mqttClientId, new MemoryPersistence()),
            () -> connectOptions(config, settings, tls), new Backoff(settings.reconnectMinMillis(), settings.reconnectMaxMillis(), new SplittableRandom()),
            timer, settings.deliveryTimeout(), new OversizeWatch(role.id(), LOSSES_TO_REFUSE_A_SIZE), this);
        session.start();
        this.birthWatch = profile.onBirthChange(() -> {
            if (session.isConnected() && role.announce()) {
                publishBirth();
                publishApps();
            }
        });
        LOG.info("MQTT link for {}/{} connecting to {}", identity.account(), identity.clientId(), brokerUrl);
        if (context != null) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.putAll(role.descriptor().toProperties());
            properties.put(Link.ID, role.id());
            registration = context.registerService(Link.class, this, properties);
        }
    }

    private MqttConnectOptions connectOptions(MqttLinkConfig config, MqttLinkSettings settings, javax.net.ssl.SSLSocketFactory tls) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(cleanSession);
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setConnectionTimeout(settings.connectTimeoutSeconds());
        // room beyond the outbox's window for the birth and disconnect messages the link publishes itself
        options.setMaxInflight(Math.min(65535, settings.maxInFlight() + CONTROL_SLACK));
        options.setAutomaticReconnect(false);
        if (!config.username().isBlank()) {
            options.setUserName(config.username());
            options.setPassword(config.password().toCharArray());
        }
        if (role.announce()) {
            EncodedMessage will = profile.lastWill(identity);
            options.setWill(will.topic(), will.payload(), will.qos(), will.retained());
        }
        if (tls != null) {
            options.setSocketFactory(NoDelaySockets.tls(tls));
            options.setHttpsHostnameVerificationEnabled(true);
        } else {
            options.setSocketFactory(NoDelaySockets.plain());
        }
        return options;
    }

    @Deactivate
    void deactivate() {
        dispatchers.close();
        ServiceRegistration<Link> registered = registration;
        registration = null;
        if (registered != null) {
            try {
                registered.unregister();   // the outbox lets go of the link before it says goodbye
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping: the framework took it down
            }
        }
        try {
            birthWatch.close();
        } catch (Exception e) {
            LOG.debug("closing the birth watch failed", e);
        }
        EncodedMessage goodbye = null;
        try {
            goodbye = role.announce() ? profile.disconnect(identity) : null;
        } catch (RuntimeException e) {
            LOG.warn("cloud profile failed to build the disconnect message: {}", e.toString());
        }
        session.close(goodbye);
        timer.shutdownNow();
        intake.close();
    }

    static URI parseBrokerUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("brokerUrl '" + url + "' is not a URL: " + e.getMessage());
        }
        if (!"tcp".equals(uri.getScheme()) && !"ssl".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("brokerUrl '" + url + "' must look like tcp://host:port or ssl://host:port");
        }
        return uri;
    }

    private static String defaultClientId() {
        try {
            String host = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
            return "outpost-" + host;
        } catch (Exception e) {
            return "outpost-gateway";
        }
    }

    GatewayIdentity identity() {
        return identity;
    }

    @Override
    public void connected(boolean reconnect) {
        if (!role.announce()) {
            fireStateChange();   // a second path: no requests (they would run twice), no birth
            return;
        }
        try {
            session.subscribe(profile.controlTopicFilter(identity), 1);
        } catch (RuntimeException e) {
            LOG.warn("cloud profile failed to give the control filter: {}", e.toString());
        }
        publishBirth();
        fireStateChange();
    }

    private void publishBirth() {
        try {
            session.publish(profile.birth(identity, ConnectionInfo.towards(brokerUrl)), -1);
        } catch (RuntimeException e) {
            LOG.warn("cloud profile failed to build the birth certificate: {}", e.toString());
        }
    }

    @Override
    public void arrived(String topic, byte[] payload) {
        intake.arrived(topic, payload);
    }

    private void publishApps() {
        try {
            EncodedMessage apps = profile.apps(identity, ConnectionInfo.towards(brokerUrl));
            if (apps != null) {
                session.publish(apps, -1);
            }
        } catch (RuntimeException e) {
            LOG.warn("cloud profile failed to build the applications certificate: {}", e.toString());
        }
    }

    @Override
    public void disconnected(Throwable cause) {
        fireStateChange();
    }

    private void fireStateChange() {
        for (Runnable listener : stateListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("a link state listener failed: {}", e.toString());
            }
        }
    }

    @Override
    public LinkState state() {
        return session.isConnected() ? LinkState.UP : LinkState.DOWN;
    }

    @Override
    public int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /**
     * Publishes the message as the profile encodes it. Refused before sending, as a failed stage: QoS 0 (never
     * confirmed by the broker), and a payload over {@code maxMessageBytes} or over the size the broker has shown it
     * cuts the connection for ({@link io.outpost.api.link.MessageTooLargeException}). Cancelling or completing the
     * returned stage gives up the delivery and frees its place in Paho's window.
     */
    @Override
    public CompletionStage<Void> deliver(OutboundMessage message) {
        if (replyExpiry.isStale(message, System.currentTimeMillis())) {
            // the requester gave up long ago: completing the stage takes the reply out of the outbox unsent
            expiredReplies.increment();
            return CompletableFuture.completedFuture(null);
        }
        EncodedMessage encoded = sized.remove(message.id());
        if (encoded == null) {
            try {
                encoded = profile.encode(identity, message);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        var refusal = PublishRules.refusal(role.id(), encoded, maxMessageBytes, cleanSession);
        if (refusal.isPresent()) {
            if (refusal.get() instanceof IllegalStateException && qosWarned.compareAndSet(false, true)) {
                LOG.warn("{}; deliveries fail until the profile is fixed", refusal.get().getMessage());
            }
            return CompletableFuture.failedFuture(refusal.get());
        }
        return session.publish(encoded, message.id());
    }

    /**
     * The payload as the profile encodes it, plus the topic and the MQTT fixed header: what the broker receives. A
     * payload over {@code maxMessageBytes} does not fit this link ({@link io.outpost.api.link.MessageTooLargeException});
     * a message the profile cannot encode does not fit it either.
     */
    @Override
    public java.util.Optional<io.outpost.api.link.WireSize> wireSize(OutboundMessage message) {
        EncodedMessage encoded = profile.encode(identity, message);
        var refusal = PublishRules.refusal(role.id(), encoded, maxMessageBytes, cleanSession);
        if (refusal.isPresent() && refusal.get() instanceof IllegalArgumentException tooLarge) {
            throw tooLarge;
        }
        if (sized.size() > 4 * maxInFlight + 64) {
            sized.clear();   // sized and never delivered (refused elsewhere): do not hold them
        }
        sized.put(message.id(), encoded);
        long topic = encoded.topic().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return java.util.Optional.of(io.outpost.api.link.WireSize.of(encoded.payload().length + topic + 2 + 2 + 5));
    }

    @Override
    public AutoCloseable onStateChange(Runnable listener) {
        stateListeners.add(listener);
        return () -> stateListeners.remove(listener);
    }

    @Override
    public LinkStatus status() {
        return new LinkStatus(state(), inFlight(), reconnects());
    }

    /** Replies dropped unsent because they were older than {@code replyTtlSeconds}. */
    public long expiredReplies() {
        return expiredReplies.sum();
    }

    /** What became of the messages that arrived on the control filter. */
    ControlIntake.Counts requestCounts() {
        return intake.counts();
    }

    /** Deliveries awaiting their acknowledgement. */
    public int inFlight() {
        return session.unconfirmedCount();
    }

    /** Successful reconnects since activation. */
    public long reconnects() {
        return session.reconnects();
    }
}
