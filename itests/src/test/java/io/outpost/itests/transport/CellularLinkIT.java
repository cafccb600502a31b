package io.outpost.itests.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
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

import io.outpost.api.link.Link;
import io.outpost.api.link.LinkState;
import io.outpost.api.link.MessageTooLargeException;
import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.codec.compact.Bearer;
import io.outpost.codec.compact.SmsText;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Services;
import io.outpost.testing.modemsim.CellularModemSim;

/** The cellular SMS link bundle against the simulated 3GPP modem on a pseudo-terminal pair. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class CellularLinkIT {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final String FILTER = "(" + Link.ID + "=cellular-sms)";
    static final String HQ_NUMBER = "+15550100";

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    private PtyPair pty;
    private CellularModemSim modem;
    private Configurations configs;
    private final Hq hq = new Hq(Bearer.SMS);

    @BeforeEach
    void start() throws Exception {
        pty = PtyPair.open();
        modem = CellularModemSim.on(pty.modemEnd());
        configs = new Configurations(admin);
        configs.single("io.outpost.link.cellular", Map.of("port", pty.linkEnd(), "hqNumber", HQ_NUMBER,
            "gatewayId", Hq.GATEWAY_ID, "key", Hq.KEY, "pollSeconds", 1, "commandTimeoutSeconds", 1,
            "unansweredBeforeReset", 2, "minSignal", 5));
    }

    @AfterEach
    void stop() throws Exception {
        configs.close();
        Await.until(WAIT, "the cellular link to go away", () -> Services.find(context, Link.class, FILTER) == null);
        modem.close();
        pty.close();
    }

    private Link upLink() {
        Await.until(WAIT, "the cellular link to be UP", () -> {
            Link l = Services.find(context, Link.class, FILTER);
            return l != null && l.state() == LinkState.UP;
        });
        return Services.find(context, Link.class, FILTER);
    }

    private Object property(String key) throws Exception {
        ServiceReference<Link> ref = context.getServiceReferences(Link.class, FILTER).iterator().next();
        return ref.getProperty(key);
    }

    @Test
    void anAlarmGoesOutAsOneSmsToHqThatHqDecodes() throws Exception {
        Link link = upLink();
        Await.until(WAIT, "the IMEI and ICCID in the service properties", () -> {
            try {
                return CellularModemSim.IMEI.equals(property("outpost.modem.imei"))
                    && CellularModemSim.ICCID.equals(property("outpost.modem.iccid"))
                    && CellularModemSim.OPERATOR.equals(property("outpost.modem.operator"));
            } catch (Exception e) {
                return false;
            }
        });
        link.deliver(SatelliteLinkIT.alarm("HIGH")).toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(1, modem.sent().size());
        CellularModemSim.SentSms sms = modem.sent().get(0);
        assertEquals(HQ_NUMBER, sms.number());
        assertTrue(sms.text().length() <= 160, sms.text().length() + " characters");
        UpstreamMessage back = hq.open(SmsText.decode(sms.text()).orElseThrow());
        assertEquals("alarm/boiler/temp", back.topic());
        assertEquals("HIGH", back.metrics().get("state").toString());
    }

    @Test
    void anAlarmTooLargeForOneSmsFailsWithMessageTooLarge() {
        Link link = upLink();
        ExecutionException e = assertThrows(ExecutionException.class,
            () -> link.deliver(SatelliteLinkIT.alarm("x".repeat(100))).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertInstanceOf(MessageTooLargeException.class, e.getCause());
        assertEquals(0, modem.sent().size());
    }

    @Test
    void aCommandFromHqIsReadDeletedAndHandedOnAndOtherSmsAreOnlyDeleted() throws Exception {
        try (RecordedCommands commands = new RecordedCommands(context)) {
            upLink();
            modem.receiveSms("+15550199", "Your balance is low");
            modem.receiveSms(HQ_NUMBER, "OP1:bm90IGEgZnJhbWU");
            modem.receiveSms(HQ_NUMBER, SmsText.encode(hq.command("GET system/uptime")));
            Await.until(WAIT, "the command to arrive", () -> !commands.received.isEmpty());
            Await.until(WAIT, "the modem's store to be empty", () -> modem.storedSms() == 0);
            assertEquals(List.of("cellular-sms:GET system/uptime"), commands.received);
        }
    }

    @Test
    void noNetworkTakesTheLinkDownAndAnSmsIsNotAttempted() throws Exception {
        Link link = upLink();
        modem.noNetwork();
        Await.until(WAIT, "the cellular link to go DOWN", () -> link.state() == LinkState.DOWN);
        assertThrows(ExecutionException.class,
            () -> link.deliver(SatelliteLinkIT.alarm("HIGH")).toCompletableFuture().get(20, TimeUnit.SECONDS));
        modem.signal(20);
        modem.registration(1);
        Await.until(WAIT, "the cellular link to come back UP", () -> link.state() == LinkState.UP);
    }

    @Test
    void aMarginalSignalMakesTheLinkDegradedAndItStillCarriesAnSms() throws Exception {
        Link link = upLink();
        modem.signal(7);   // at least minSignal (5), below degradedBelowSignal (10)
        Await.until(WAIT, "the cellular link to be DEGRADED", () -> link.state() == LinkState.DEGRADED);
        link.deliver(SatelliteLinkIT.alarm("HIGH")).toCompletableFuture().get(20, TimeUnit.SECONDS);
        Await.until(WAIT, "the SMS at the modem", () -> modem.sent().size() == 1);
        modem.signal(20);
        Await.until(WAIT, "the cellular link to be UP again", () -> link.state() == LinkState.UP);
    }

    @Test
    void weakSignalTakesTheLinkDown() {
        Link link = upLink();
        modem.signal(3);
        Await.until(WAIT, "the cellular link to go DOWN", () -> link.state() == LinkState.DOWN);
    }

    @Test
    void aMissingSimKeepsTheLinkDown() throws Exception {
        modem.simPresent(false);
        Await.until(WAIT, "the cellular link to register", () -> Services.find(context, Link.class, FILTER) != null);
        Thread.sleep(2500);
        assertEquals(LinkState.DOWN, Services.find(context, Link.class, FILTER).state());
        modem.simPresent(true);
        upLink();
    }

    @Test
    void aModemThatStopsAnsweringIsResetAndComesBack() throws Exception {
        Link link = upLink();
        modem.stopAnswering();
        Await.until(WAIT, "the modem to be reset", () -> modem.resets() >= 1);
        Await.until(WAIT, "the reset to be counted", () -> {
            try {
                return ((Number) property("outpost.modem.resets")).longValue() >= 1;
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue(modem.received().contains("AT+CFUN=1,1"));
        upLink();
        link.deliver(SatelliteLinkIT.alarm("HIGH")).toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(1, modem.sent().size());
    }

    @Test
    void garbageOnTheLineNeitherCrashesNorBlocksTheLink() throws Exception {
        Link link = upLink();
        modem.garbage(true);
        link.deliver(SatelliteLinkIT.alarm("HIGH")).toCompletableFuture().get(20, TimeUnit.SECONDS);
        Thread.sleep(1500);
        assertEquals(LinkState.UP, link.state());
        assertEquals(1, modem.sent().size());
    }
}
