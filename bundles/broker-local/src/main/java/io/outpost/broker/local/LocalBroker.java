package io.outpost.broker.local;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;

/**
 * Runs Moquette on the configured address, in memory (the gateway's durability lives in its outbox, not in
 * the broker). Stops cleanly with the component.
 * <p>
 * With {@code startInBackground} (the gateway's setting) Moquette and Netty start on a thread of their own, so the
 * bundles after this one (the outbox, the filter, the MQTT link, the sampler) start on the other core meanwhile; the
 * link retries a refused connection quickly until its first connect, so it is connected within 100 ms of the broker
 * listening. Without it (HQ's setting) the activation returns once the broker listens, as before.
 */
@Component(configurationPid = "io.outpost.broker.local", configurationPolicy = ConfigurationPolicy.REQUIRE, service = LocalBroker.class, immediate = true)
@Designate(ocd = LocalBrokerConfig.class)
public final class LocalBroker {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBroker.class);

    /** How long a stop waits for a background start still under way. */
    private static final long START_WAIT_SECONDS = 30;

    private final Server server = new Server();
    private final String host;
    private final int port;
    /** Completes when the broker listens, fails when it could not start. */
    private final CompletableFuture<Void> listening = new CompletableFuture<>();

    @Activate
    public LocalBroker(LocalBrokerConfig config) throws Exception {
        this.host = config.host();
        this.port = config.port();
        Properties props = new Properties();
        props.setProperty("host", host);
        props.setProperty("port", Integer.toString(port));
        props.setProperty("websocket_port", "disabled");
        props.setProperty("allow_anonymous", Boolean.toString(config.allowAnonymous()));
        props.setProperty("netty.mqtt.message_size", Integer.toString(config.maxMessageBytes()));
        props.setProperty("persistence_enabled", "false");
        props.setProperty("telemetry_enabled", "false");
        props.setProperty("use_metrics", "false");
        props.setProperty("use_bugsnag", "false");
        props.setProperty("netty.epoll", "false");
        props.setProperty("allow_zero_byte_client_id", "true");
        if (config.startInBackground()) {
            Thread starter = new Thread(() -> start(props), "outpost-local-broker-start");
            starter.setDaemon(true);
            starter.start();
        } else {
            start(props);
            try {
                listening.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }

    private void start(Properties props) {
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(LocalBroker.class.getClassLoader());
        try {
            server.startServer(new MemoryConfig(props));
            listening.complete(null);
            LOG.info("Local MQTT broker listening on {}:{} - watch the data with: mosquitto_sub -h {} -p {} -t '#' -v", host, port, host, port);
        } catch (Exception | LinkageError e) {
            listening.completeExceptionally(e);
            LOG.error("Local MQTT broker could not listen on host '{}' port {}: {}", host, port, e.toString());
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    /** Waits until the broker listens; false if it did not within the time or could not start. */
    boolean awaitListening(Duration wait) throws InterruptedException {
        try {
            listening.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    @Deactivate
    void stop() {
        try {
            if (!awaitListening(Duration.ofSeconds(START_WAIT_SECONDS))) {
                return;   // it never listened: nothing to stop (a start still running after 30 s is left to the JVM's exit)
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        server.stopServer();
        LOG.info("Local MQTT broker on {}:{} stopped", host, port);
    }

    public int port() {
        return server.getPort();
    }
}
