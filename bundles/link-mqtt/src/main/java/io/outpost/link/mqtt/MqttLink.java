package io.outpost.link.mqtt;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.random.RandomGenerator;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
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

/**
 * The {@code wired} link. Messages are encoded by the configured cloud profile and published with Paho; a
 * delivery completes on the broker's PUBACK. The birth certificate goes out on every connect, the profile's
 * last will is registered with the broker, and a clean stop publishes the disconnect message.
 */
@Component(configurationPid = "io.outpost.link.mqtt", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
    property = Link.ID + "=wired")
@Designate(ocd = MqttLinkConfig.class)
public final class MqttLink implements Link, MqttSession.Events {

    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);

    /** Paho in-flight slots kept for the link's own messages (birth, disconnect). */
    private static final int CONTROL_SLACK = 4;

    private final CloudProfile profile;
    private final GatewayIdentity identity;
    private final String brokerUrl;
    private final int maxInFlight;
    private final ScheduledExecutorService timer;
    private final MqttSession session;
    private final List<Runnable> stateListeners = new CopyOnWriteArrayList<>();
    private final AutoCloseable birthWatch;

    @Activate
    public MqttLink(MqttLinkConfig config, @Reference(name = "profile") CloudProfile profile) throws Exception {
        this.profile = profile;
        this.brokerUrl = config.brokerUrl().trim();
        URI uri = parseBrokerUrl(brokerUrl);
        this.identity = new GatewayIdentity(config.account(), config.clientId().isBlank() ? defaultClientId() : config.clientId());
        this.maxInFlight = config.maxInFlight();
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(config.cleanSession());
        options.setKeepAliveInterval(config.keepAliveSeconds());
        options.setConnectionTimeout(config.connectTimeoutSeconds());
        // room beyond the outbox's window for the birth and disconnect messages the link publishes itself
        options.setMaxInflight(config.maxInFlight() + CONTROL_SLACK);
        options.setAutomaticReconnect(false);
        if (!config.username().isBlank()) {
            options.setUserName(config.username());
            options.setPassword(config.password().toCharArray());
        }
        EncodedMessage will = profile.lastWill(identity);
        options.setWill(will.topic(), will.payload(), will.qos(), will.retained());
        if ("ssl".equals(uri.getScheme())) {
            options.setSocketFactory(TlsSockets.create(config.caFile(), config.clientCertFile(), config.clientKeyFile()));
            options.setHttpsHostnameVerificationEnabled(true);
        }
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "outpost-mqtt-link");
            t.setDaemon(true);
            return t;
        });
        MqttAsyncClient client = new MqttAsyncClient(brokerUrl, identity.clientId(), new MemoryPersistence());
        this.session = new MqttSession(client, options,
            new Backoff(config.reconnectMinMillis(), Math.max(config.reconnectMinMillis(), config.reconnectMaxMillis()), RandomGenerator.getDefault()),
            timer, this);
        session.start();
        this.birthWatch = profile.onBirthChange(() -> {
            if (session.isConnected()) {
                publishBirth();
            }
        });
        LOG.info("MQTT link for {}/{} connecting to {}", identity.account(), identity.clientId(), brokerUrl);
    }

    @Deactivate
    void deactivate() {
        try {
            birthWatch.close();
        } catch (Exception e) {
            LOG.debug("closing the birth watch failed", e);
        }
        EncodedMessage goodbye = null;
        try {
            goodbye = profile.disconnect(identity);
        } catch (RuntimeException e) {
            LOG.warn("cloud profile failed to build the disconnect message: {}", e.toString());
        }
        session.close(goodbye);
        timer.shutdownNow();
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
        publishBirth();
        fireStateChange();
    }

    private void publishBirth() {
        try {
            session.publish(profile.birth(identity, ConnectionInfo.towards(brokerUrl)));
        } catch (RuntimeException e) {
            LOG.warn("cloud profile failed to build the birth certificate: {}", e.toString());
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
    public CompletionStage<Void> deliver(OutboundMessage message) {
        try {
            return session.publish(profile.encode(identity, message));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
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

    /** Deliveries awaiting their acknowledgement. */
    public int inFlight() {
        return session.unconfirmedCount();
    }

    /** Successful reconnects since activation. */
    public long reconnects() {
        return session.reconnects();
    }
}
