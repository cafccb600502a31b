package io.outpost.itests.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.outpost.api.data.Value;
import io.outpost.api.link.Link;
import io.outpost.api.link.LinkState;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.codec.compact.Bearer;
import io.outpost.codec.compact.SmsText;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Bundles;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Services;
import io.outpost.testing.modemsim.CellularModemSim;

/**
 * Remote management over SMS (issue 11, the dispatcher's second entry point): HQ sends a sealed command SMS to the
 * simulated modem, the cellular link authenticates it, io.outpost.request.compact dispatches it, and the reply
 * comes back through the outbox as an SMS HQ can open. Here in the transport package for the modem helpers.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class SmsRequestIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    private PtyPair pty;
    private CellularModemSim modem;
    private Configurations configs;
    private Path dir;
    private final Hq hq = new Hq(Bearer.SMS);

    @BeforeEach
    void start() throws Exception {
        pty = PtyPair.open();
        modem = CellularModemSim.on(pty.modemEnd());
        configs = new Configurations(admin);
        dir = Files.createTempDirectory("sms-requests-");
        configs.single("io.outpost.outbox", Map.of("directory", dir.resolve("outbox").toString(), "fsyncIntervalMillis", "20"));
        configs.single("io.outpost.request.dispatcher", Map.of("hqClientId", "hq", "auditFile", dir.resolve("audit/requests.log").toString()));
        configs.single("io.outpost.link.cellular", Map.of("port", pty.linkEnd(), "hqNumber", CellularLinkIT.HQ_NUMBER,
            "gatewayId", Hq.GATEWAY_ID, "key", Hq.KEY, "pollSeconds", 1, "commandTimeoutSeconds", 1,
            "unansweredBeforeReset", 2, "minSignal", 5, "allowedClasses", new String[] {"ALARM", "REPLY"}));
        Await.until(WAIT, "the cellular link to be UP", () -> {
            Link l = Services.find(context, Link.class, CellularLinkIT.FILTER);
            return l != null && l.state() == LinkState.UP;
        });
    }

    @AfterEach
    void stop() throws Exception {
        configs.close();
        Await.until(WAIT, "the cellular link to go away", () -> Services.find(context, Link.class, CellularLinkIT.FILTER) == null);
        modem.close();
        pty.close();
    }

    /** Sends the command by SMS and returns the reply HQ opens from the next SMS the gateway sends. */
    private UpstreamMessage call(String text) {
        int before = modem.sent().size();
        modem.receiveSms(CellularLinkIT.HQ_NUMBER, SmsText.encode(hq.command(text)));
        Await.until(WAIT, "a reply SMS to '" + text + "'", () -> modem.sent().size() > before);
        CellularModemSim.SentSms sms = modem.sent().get(before);
        assertEquals(CellularLinkIT.HQ_NUMBER, sms.number());
        return hq.open(SmsText.decode(sms.text()).orElseThrow());
    }

    @Test
    void anSmsRequestStopsAndStartsABundleAndEachGetsItsReplyBySms() throws Exception {
        Bundle filter = Bundles.find(context, "io.outpost.filter").orElseThrow();
        try {
            UpstreamMessage stop = call("s-1 INVENTORY-V1/EXEC/bundles/_stop {\"name\":\"io.outpost.filter\"}");
            assertEquals(MessageClass.REPLY, stop.messageClass());
            assertEquals("hq/INVENTORY-V1/REPLY/s-1", stop.topic());
            assertEquals(Value.of(200), stop.metrics().get("response.code"), stop.metrics().toString());
            assertEquals(Bundle.RESOLVED, filter.getState());
            UpstreamMessage start = call("s-2 INVENTORY-V1/EXEC/bundles/_start {\"name\":\"io.outpost.filter\"}");
            assertEquals("hq/INVENTORY-V1/REPLY/s-2", start.topic());
            assertEquals(Value.of(200), start.metrics().get("response.code"));
            assertEquals(Bundle.ACTIVE, filter.getState());
            UpstreamMessage unknown = call("s-3 NOPE-V1/GET/x");
            assertEquals(Value.of(404), unknown.metrics().get("response.code"), unknown.metrics().toString());
            String audit = Files.readString(dir.resolve("audit/requests.log"));
            assertTrue(audit.contains("requester=hq app=INVENTORY-V1 verb=EXEC resource=bundles/_stop id=s-1 code=200")
                && audit.contains("via=cellular-sms"), audit);
        } finally {
            if (filter.getState() != Bundle.ACTIVE) {
                filter.start();
            }
        }
    }
}
