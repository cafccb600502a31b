package io.outpost.broker.local;

import java.io.IOException;
import java.util.Properties;

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
 */
@Component(configurationPid = "io.outpost.broker.local", configurationPolicy = ConfigurationPolicy.REQUIRE, service = LocalBroker.class, immediate = true)
@Designate(ocd = LocalBrokerConfig.class)
public final class LocalBroker {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBroker.class);

    private final Server server = new Server();
    private final String host;
    private final int port;

    @Activate
    public LocalBroker(LocalBrokerConfig config) throws IOException {
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
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(LocalBroker.class.getClassLoader());
        try {
            server.startServer(new MemoryConfig(props));
        } finally {
            current.setContextClassLoader(previous);
        }
        LOG.info("Local MQTT broker listening on {}:{} - watch the data with: mosquitto_sub -h {} -p {} -t '#' -v", host, port, host, port);
    }

    @Deactivate
    void stop() {
        server.stopServer();
        LOG.info("Local MQTT broker on {}:{} stopped", host, port);
    }

    public int port() {
        return server.getPort();
    }
}
