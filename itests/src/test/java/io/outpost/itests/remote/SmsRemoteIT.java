package io.outpost.itests.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.outpost.api.link.Link;
import io.outpost.api.link.LinkState;
import io.outpost.itests.remote.RemoteRequester.Reply;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Services;
import io.outpost.itests.transport.Hq;
import io.outpost.itests.transport.PtyPair;
import io.outpost.testing.modemsim.CellularModemSim;

/**
 * OUTPOST-SMS-V1 end to end: HQ's request over a real Mosquitto, the dispatcher, the handler, and the real cellular
 * link sending the text with AT+CMGS to a simulated modem on a pseudo-terminal.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class SmsRemoteIT {

    private static final String GATEWAY = "gw-sms";
    private static final String ALLOWED = "+491701234567";
    private static final String CELLULAR = "(" + Link.ID + "=cellular-sms)";

    @InjectService
    ConfigurationAdmin admin;

    @InjectBundleContext
    BundleContext context;

    private RemoteGateway gw;
    private PtyPair pty;
    private CellularModemSim modem;

    @BeforeEach
    void gateway() throws Exception {
        gw = new RemoteGateway(admin, GATEWAY, "sms-remote-", Map.of()).link(context, Map.of());
        pty = PtyPair.open();
        modem = CellularModemSim.on(pty.modemEnd());
        gw.configurations.single("io.outpost.link.cellular", Map.of("port", pty.linkEnd(), "hqNumber", "+15550100",
            "gatewayId", Hq.GATEWAY_ID, "key", Hq.KEY, "pollSeconds", 1, "commandTimeoutSeconds", 2));
        gw.configurations.single("io.outpost.request.sms", Map.of("allowedNumbers", new String[] {ALLOWED}, "maxPerHour", 5));
        Await.until(RemoteGateway.WAIT, "the cellular link to be UP", () -> {
            Link l = Services.find(context, Link.class, CELLULAR);
            return l != null && l.state() == LinkState.UP;
        });
        gw.awaitAnswer("INVENTORY-V1", "GET", "systemPackages");
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        Await.until(RemoteGateway.WAIT, "the cellular link to go away", () -> Services.find(context, Link.class, CELLULAR) == null);
        modem.close();
        pty.close();
    }

    private List<CellularModemSim.SentSms> sentTo(String number) {
        return modem.sent().stream().filter(s -> s.number().equals(number)).toList();
    }

    @Test
    void hqHasTheModemTextAnAllowedNumberAndIsRefusedForOthers() throws Exception {
        RemoteRequester hq = gw.hq();
        Reply ok = hq.call("OUTPOST-SMS-V1", "EXEC", "send", "{\"to\":\"" + ALLOWED + "\",\"text\":\"Pump 3: pressure low, service due\"}",
            RemoteGateway.WAIT);
        assertEquals(200, ok.code(), ok.toString());
        assertTrue(ok.body().startsWith("{\"to\":\"" + ALLOWED + "\",\"reference\":\""), ok.body());
        assertEquals(List.of(new CellularModemSim.SentSms(ALLOWED, "Pump 3: pressure low, service due")), sentTo(ALLOWED));

        Reply stranger = hq.call("OUTPOST-SMS-V1", "EXEC", "send", "{\"to\":\"+4915112345\",\"text\":\"hello\"}", RemoteGateway.WAIT);
        assertEquals(403, stranger.code(), stranger.toString());
        assertTrue(stranger.message().contains("allowedNumbers"), stranger.message());
        Reply bad = hq.call("OUTPOST-SMS-V1", "EXEC", "send", "{\"to\":\"" + ALLOWED + "\",\"text\":\"\"}", RemoteGateway.WAIT);
        assertEquals(400, bad.code());
        assertTrue(bad.message().startsWith("'text'"), bad.message());
        assertEquals(List.of(), sentTo("+4915112345"));
        assertEquals(1, sentTo(ALLOWED).size());
    }
}
