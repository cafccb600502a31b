package io.outpost.itests.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

import io.outpost.api.link.LinkState;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Mosquitto;
import io.outpost.itests.support.WiredLink;

/**
 * What the remote-management tests share: a Mosquitto of their own; the Kura profile in JSON, the outbox and the
 * dispatcher's audit file in a temporary folder (HQ's client id {@code hq}); the MQTT link to that broker; and HQ's
 * requester. Everything it configured is removed on close.
 */
final class RemoteGateway implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String ACCOUNT = "acct";

    final Configurations configurations;
    final Mosquitto broker;
    final Path work;
    private final String gateway;
    private RemoteRequester hq;

    /** Starts the broker and configures profile, outbox and dispatcher; {@code profile} adds to the profile's settings. */
    RemoteGateway(ConfigurationAdmin admin, String gateway, String prefix, Map<String, Object> profile) throws Exception {
        this.gateway = gateway;
        this.configurations = new Configurations(admin);
        this.broker = Mosquitto.start();
        this.work = Files.createTempDirectory(prefix);
        Map<String, Object> p = new HashMap<>(Map.of("encoding", "json", "birthDebounceMillis", 100L));
        p.putAll(profile);
        configurations.single("io.outpost.profile.kura", p);
        configurations.single("io.outpost.outbox", Map.of("directory", work.resolve("outbox").toString(), "fsyncIntervalMillis", "20"));
        configurations.single("io.outpost.request.dispatcher", Map.of("hqClientId", "hq",
            "auditFile", work.resolve("audit/requests.log").toString()));
    }

    /** Configures the MQTT link to the test's broker ({@code extra} adds to its settings) and waits until it is up. */
    RemoteGateway link(BundleContext context, Map<String, Object> extra) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("brokerUrl", broker.url(), "account", ACCOUNT, "clientId", gateway,
            "reconnectMinMillis", 200L, "reconnectMaxMillis", 1000L));
        p.putAll(extra);
        configurations.single("io.outpost.link.mqtt", p);
        new WiredLink(context).await(LinkState.UP, WAIT, "the link to the test broker to come up");
        return this;
    }

    /** HQ's requester (client id {@code hq}), made on first use. */
    RemoteRequester hq() throws Exception {
        if (hq == null) {
            hq = new RemoteRequester(broker.url(), ACCOUNT, gateway, "hq");
        }
        return hq;
    }

    /** Waits until a request is answered with 200 (the link subscribes on connect, the handler may come later). */
    void awaitAnswer(String appId, String verb, String resource) throws Exception {
        RemoteRequester requester = hq();
        Await.until(WAIT, "the gateway to answer " + appId + " " + verb + " " + resource, () -> {
            try {
                return requester.call(appId, verb, resource, null, Duration.ofSeconds(2)).code() == 200;
            } catch (AssertionError | Exception e) {
                return false;
            }
        });
    }

    @Override
    public void close() throws Exception {
        try {
            if (hq != null) {
                hq.close();
            }
        } finally {
            configurations.close();
            broker.close();
        }
    }
}
