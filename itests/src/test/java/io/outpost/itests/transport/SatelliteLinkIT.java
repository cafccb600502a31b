package io.outpost.itests.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.outpost.api.data.Value;
import io.outpost.api.link.Link;
import io.outpost.api.link.LinkDescriptor;
import io.outpost.api.link.LinkKind;
import io.outpost.api.link.LinkState;
import io.outpost.api.link.MessageTooLargeException;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.codec.compact.Bearer;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Services;
import io.outpost.testing.modemsim.SbdModemSim;

/** The satellite link bundle against the simulated Iridium SBD modem on a pseudo-terminal pair. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class SatelliteLinkIT {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final String FILTER = "(" + Link.ID + "=satellite)";

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    private PtyPair pty;
    private SbdModemSim modem;
    private Configurations configs;
    private final Hq hq = new Hq(Bearer.SATELLITE);

    @BeforeEach
    void start() throws Exception {
        pty = PtyPair.open();
        modem = SbdModemSim.on(pty.modemEnd());
        configs = new Configurations(admin);
        configs.single("io.outpost.link.satellite", Map.of("port", pty.linkEnd(), "gatewayId", Hq.GATEWAY_ID, "key", Hq.KEY,
            "pollSeconds", 1, "commandTimeoutSeconds", 2, "sessionTimeoutSeconds", 10, "attemptsPerDelivery", 3,
            "retryMinMillis", 200, "retryMaxMillis", 800));
    }

    @AfterEach
    void stop() throws Exception {
        configs.close();
        Await.until(WAIT, "the satellite link to go away", () -> Services.find(context, Link.class, FILTER) == null);
        modem.close();
        pty.close();
    }

    private Link upLink() {
        Await.until(WAIT, "the satellite link to be UP", () -> {
            Link l = Services.find(context, Link.class, FILTER);
            return l != null && l.state() == LinkState.UP;
        });
        return Services.find(context, Link.class, FILTER);
    }

    static OutboundMessage alarm(String value) {
        return new OutboundMessage(1, new UpstreamMessage(MessageClass.ALARM, "alarm/boiler/temp", 1_764_650_000_000L,
            Map.of("value", Value.of(97.5), "state", Value.of(value))));
    }

    @Test
    void anAlarmGoesOutInOneSbdMessageThatHqDecodes() throws Exception {
        Link link = upLink();
        assertEquals(340, link.maxMessageBytes());
        ServiceReference<Link> ref = context.getServiceReferences(Link.class, FILTER).iterator().next();
        Map<String, Object> props = new java.util.HashMap<>();
        for (String k : ref.getPropertyKeys()) {
            props.put(k, ref.getProperty(k));
        }
        assertEquals(LinkKind.SATELLITE, LinkDescriptor.fromProperties(props).kind());
        link.deliver(alarm("HIGH")).toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(1, modem.delivered().size());
        byte[] frame = modem.delivered().get(0);
        assertTrue(frame.length <= 340, frame.length + " bytes");
        UpstreamMessage back = hq.open(frame);
        assertEquals("alarm/boiler/temp", back.topic());
        assertEquals(Value.of("HIGH"), back.metrics().get("state"));
        assertTrue(modem.received().contains("AT+SBDD0"), "the MO buffer is cleared after success");
    }

    @Test
    void aFailedSessionIsRetriedWithBackOffUntilItSucceeds() throws Exception {
        Link link = upLink();
        modem.failSessions(2);
        long start = System.nanoTime();
        link.deliver(alarm("HIGH")).toCompletableFuture().get(20, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(3, modem.sessions());
        assertEquals(1, modem.delivered().size());
        assertTrue(millis >= 600, "back-off of 200 + 400 ms, took " + millis);
    }

    @Test
    void aDeliveryFailsAfterItsAttemptsAndTheMessageIsNotSent() throws Exception {
        Link link = upLink();
        modem.failSessions(10);
        ExecutionException e = assertThrows(ExecutionException.class,
            () -> link.deliver(alarm("HIGH")).toCompletableFuture().get(20, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("MO status 32"), e.getCause().getMessage());
        assertEquals(0, modem.delivered().size());
    }

    @Test
    void aMessageThatDoesNotFitFailsWithMessageTooLarge() {
        Link link = upLink();
        ExecutionException e = assertThrows(ExecutionException.class,
            () -> link.deliver(alarm("x".repeat(400))).toCompletableFuture().get(5, TimeUnit.SECONDS));
        MessageTooLargeException tooLarge = assertInstanceOf(MessageTooLargeException.class, e.getCause());
        assertEquals(340, tooLarge.limitBytes());
        assertEquals(0, modem.sessions());
    }

    @Test
    void aMobileTerminatedCommandReachesTheListenerAndAForgedOneDoesNot() throws Exception {
        try (RecordedCommands commands = new RecordedCommands(context)) {
            Link link = upLink();
            byte[] forged = hq.command("EXEC system/restart");
            forged[forged.length - 1] ^= 1;
            modem.queueMobileTerminated(forged);
            modem.queueMobileTerminated(hq.command("GET system/uptime"));
            link.deliver(alarm("HIGH")).toCompletableFuture().get(20, TimeUnit.SECONDS);
            link.deliver(alarm("LOW")).toCompletableFuture().get(20, TimeUnit.SECONDS);
            Await.until(WAIT, "the command to arrive", () -> !commands.received.isEmpty());
            assertEquals(java.util.List.of("satellite:GET system/uptime"), commands.received);
        }
    }

    @Test
    void noSignalTakesTheLinkDownAndSignalBringsItBack() {
        Link link = upLink();
        modem.signal(0);
        Await.until(WAIT, "the satellite link to go DOWN", () -> link.state() == LinkState.DOWN);
        modem.signal(3);
        Await.until(WAIT, "the satellite link to come back UP", () -> link.state() == LinkState.UP);
    }

    @Test
    void garbageOnTheLineNeitherCrashesNorBlocksTheLink() throws Exception {
        Link link = upLink();
        modem.garbage(true);
        link.deliver(alarm("HIGH")).toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals("HIGH", hq.open(modem.delivered().get(0)).metrics().get("state").toString());
        Thread.sleep(1500);
        assertEquals(LinkState.UP, link.state());
    }
}
