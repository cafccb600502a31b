package io.outpost.itests.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.outpost.api.link.LinkState;
import io.outpost.itests.remote.RemoteRequester.Reply;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Bundles;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Mosquitto;
import io.outpost.itests.support.WiredLink;

/**
 * CONF-V1 through the real link, profile, outbox, dispatcher and request-conf, with a real Mosquitto, Paho as HQ,
 * and the real ConfigurationAdmin and MetaTypeService: configurations as Kura's XML, checked updates, snapshots
 * and rollback that survive restarts, hidden passwords, XXE refused; and the Gogo twin over the same service.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class ConfRemoteIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACCOUNT = "acct";
    private static final String GATEWAY = "gw-conf";
    private static final String FILTER = "io.outpost.filter";
    private static final String COMMAND = "io.outpost.request.command";
    private static final Pattern SNAPSHOT_ID = Pattern.compile("<esf:snapshotIds>(\\d+)</esf:snapshotIds>");

    @InjectService
    ConfigurationAdmin admin;

    @InjectService
    CommandProcessor gogo;

    @InjectBundleContext
    BundleContext context;

    private Configurations configurations;
    private Mosquitto broker;
    private RemoteRequester hq;
    private Path work;

    @BeforeEach
    void gateway() throws Exception {
        configurations = new Configurations(admin);
        broker = Mosquitto.start();
        work = Files.createTempDirectory("conf-remote-");
        configurations.single("io.outpost.profile.kura", Map.of("encoding", "json", "birthDebounceMillis", 100L));
        configurations.single("io.outpost.outbox", Map.of("directory", work.resolve("outbox").toString(), "fsyncIntervalMillis", "20"));
        configurations.single("io.outpost.request.dispatcher", Map.of("hqClientId", "hq", "auditFile", work.resolve("audit/requests.log").toString()));
        configurations.single("io.outpost.request.conf", Map.of("snapshotDirectory", work.resolve("snapshots").toString(), "snapshotsKept", 20));
        configurations.single(FILTER, Map.of("defaultAction", "pass-all", "holdMessages", 1000));
        link(Map.of());
        hq = new RemoteRequester(broker.url(), ACCOUNT, GATEWAY, "hq");
        // the reconfigured ConfigurationControl writes its start-up snapshot into this test's directory: until then the one
        // with the default directory (and the snapshots of earlier tests) may still answer
        Await.until(WAIT, "request-conf to use this test's snapshot directory", () -> {
            try (var files = Files.list(work.resolve("snapshots"))) {
                return files.anyMatch(f -> f.getFileName().toString().endsWith(".xml"));
            } catch (java.io.IOException notYet) {
                return false;
            }
        });
        Await.until(WAIT, "the gateway to answer CONF-V1", () -> answers("CONF-V1", "GET", "snapshots"));
    }

    private void link(Map<String, Object> extra) throws Exception {
        Map<String, Object> props = new java.util.HashMap<>(Map.of("brokerUrl", broker.url(), "account", ACCOUNT, "clientId", GATEWAY,
            "reconnectMinMillis", 200L, "reconnectMaxMillis", 1000L, "requestQueue", 256));
        props.putAll(extra);
        configurations.single("io.outpost.link.mqtt", props);
        new WiredLink(context).await(LinkState.UP, WAIT, "the link to the test broker to come up");
    }

    private boolean answers(String app, String verb, String resource) {
        try {
            return hq.call(app, verb, resource, null, Duration.ofSeconds(3)).code() == 200;
        } catch (AssertionError | Exception e) {
            return false;
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (hq != null) {
            hq.close();
        }
        configurations.close();
        broker.close();
    }

    private static String property(String name, String type, String... values) {
        StringBuilder s = new StringBuilder("<esf:property name=\"" + name + "\" array=\"" + (values.length != 1) + "\" encrypted=\"false\" type=\""
            + type + "\">");
        for (String v : values) {
            s.append("<esf:value>").append(v).append("</esf:value>");
        }
        return s.append("</esf:property>").toString();
    }

    private static String configuration(String pid, String... properties) {
        return "<esf:configuration pid=\"" + pid + "\"><esf:properties>" + String.join("", properties) + "</esf:properties></esf:configuration>";
    }

    private static String configurationsXml(String... configurations) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\" "
            + "xmlns:ocd=\"http://www.osgi.org/xmlns/metatype/v1.2.0\">" + String.join("", configurations) + "</esf:configurations>";
    }

    private Object stored(String pid, String key) throws Exception {
        Configuration[] c = admin.listConfigurations("(service.pid=" + pid + ")");
        Dictionary<String, Object> d = c == null ? null : c[0].getProperties();
        return d == null ? null : d.get(key);
    }

    private List<Long> snapshotIds() throws Exception {
        Reply r = hq.call("CONF-V1", "GET", "snapshots", null, WAIT);
        assertEquals(200, r.code(), r.toString());
        Matcher m = SNAPSHOT_ID.matcher(r.body());
        List<Long> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    @Test
    void getShowsTheConfigurationWithItsMetatypeDefinitionAsKurasXml() throws Exception {
        Reply one = hq.call("CONF-V1", "GET", "configurations/" + FILTER, null, WAIT);
        assertEquals(200, one.code(), one.toString());
        assertTrue(one.body().contains("<esf:configuration pid=\"io.outpost.filter\"><ocd:OCD name=\"Outpost threshold filter\""), one.body());
        assertTrue(one.body().contains("<ocd:AD name=\"Default action\" id=\"defaultAction\" type=\"String\" cardinality=\"0\" required=\"true\" default=\"pass-all\""),
            one.body());
        assertTrue(one.body().contains("<ocd:Option label=\"drop all\" value=\"drop-all\""), one.body());
        assertTrue(one.body().contains(
            "<esf:property name=\"holdMessages\" array=\"false\" encrypted=\"false\" type=\"Integer\"><esf:value>1000</esf:value></esf:property>"), one.body());
        Reply all = hq.call("CONF-V1", "GET", "configurations", null, WAIT);
        assertTrue(all.body().contains("pid=\"io.outpost.filter\"") && all.body().contains("pid=\"io.outpost.link.mqtt\""), all.body().substring(0, 200));
        Reply unknown = hq.call("CONF-V1", "GET", "configurations/no.such.pid", null, WAIT);
        assertEquals(200, unknown.code());
        assertFalse(unknown.body().contains("<esf:configuration "), unknown.body());
        assertEquals(404, hq.call("CONF-V1", "GET", "nothing", null, WAIT).code());
        assertEquals(400, hq.call("CONF-V1", "GET", "configurations/a/b", null, WAIT).code());
    }

    @Test
    void aChangeSurvivesARestartOfItsBundleAndTheSnapshotsARestartOfRequestConf() throws Exception {
        Reply put = hq.call("CONF-V1", "PUT", "configurations/" + FILTER,
            configurationsXml(configuration(FILTER, property("holdMessages", "Integer", "777"))), WAIT);
        assertEquals(200, put.code(), put.toString());
        assertEquals(777, stored(FILTER, "holdMessages"));
        assertEquals("pass-all", stored(FILTER, "defaultAction"));
        List<Long> before = snapshotIds();
        assertTrue(before.size() >= 2, "a snapshot before and after the change: " + before);

        Bundle filter = Bundles.find(context, FILTER).orElseThrow();
        filter.stop();
        filter.start();
        Bundle conf = Bundles.find(context, "io.outpost.request.conf").orElseThrow();
        conf.stop();
        conf.start();
        Await.until(WAIT, "CONF-V1 to answer again", () -> answers("CONF-V1", "GET", "snapshots"));

        assertEquals(777, stored(FILTER, "holdMessages"));
        Reply after = hq.call("CONF-V1", "GET", "configurations/" + FILTER, null, WAIT);
        assertTrue(after.body().contains("<esf:value>777</esf:value>"), after.body());
        assertTrue(snapshotIds().containsAll(before), "the snapshots are still there after the restart");
    }

    @Test
    void rollbackWithoutAnIdGoesBackToThePreviousSnapshot() throws Exception {
        Reply put = hq.call("CONF-V1", "PUT", "configurations",
            configurationsXml(configuration(FILTER, property("defaultAction", "String", "drop-all"), property("holdMessages", "Integer", "55"))), WAIT);
        assertEquals(200, put.code(), put.toString());
        assertEquals("drop-all", stored(FILTER, "defaultAction"));
        Reply rollback = hq.call("CONF-V1", "EXEC", "rollback", null, WAIT);
        assertEquals(200, rollback.code(), rollback.toString());
        assertEquals("pass-all", stored(FILTER, "defaultAction"));
        assertEquals(1000, stored(FILTER, "holdMessages"));
        assertEquals(broker.url(), stored("io.outpost.link.mqtt", "brokerUrl"), "the rest of the configuration is as it was");

        Matcher id = SNAPSHOT_ID.matcher(hq.call("CONF-V1", "EXEC", "snapshot", null, WAIT).body());
        assertTrue(id.find());
        Reply snapshot = hq.call("CONF-V1", "GET", "snapshots/" + id.group(1), null, WAIT);
        assertTrue(snapshot.body().contains("<esf:configuration pid=\"io.outpost.filter\">"), snapshot.body());
        assertEquals(404, hq.call("CONF-V1", "EXEC", "rollback/12345", null, WAIT).code());
        assertEquals(400, hq.call("CONF-V1", "EXEC", "rollback/latest", null, WAIT).code());
    }

    @Test
    void aBadValueIs400NamingTheAttributeAndChangesNothingInAnyPid() throws Exception {
        List<Long> snapshotsBefore = snapshotIds();
        Reply range = hq.call("CONF-V1", "PUT", "configurations", configurationsXml(
            configuration(FILTER, property("holdMessages", "Integer", "5")),
            configuration("io.outpost.link.mqtt", property("keepAliveSeconds", "Integer", "0"))), WAIT);
        assertEquals(400, range.code(), range.toString());
        assertEquals("pid 'io.outpost.link.mqtt' attribute 'keepAliveSeconds': '0' is refused by its definition: less than minimum", range.message());
        assertEquals(1000, stored(FILTER, "holdMessages"), "the valid pid of the same request is unchanged");

        Reply type = hq.call("CONF-V1", "PUT", "configurations/" + FILTER,
            configurationsXml(configuration(FILTER, property("holdMessages", "Integer", "many"))), WAIT);
        assertEquals(400, type.code());
        assertTrue(type.message().contains("attribute 'holdMessages': 'many' is not of type Integer"), type.message());
        Reply option = hq.call("CONF-V1", "PUT", "configurations/" + FILTER,
            configurationsXml(configuration(FILTER, property("defaultAction", "String", "maybe"))), WAIT);
        assertEquals(400, option.code());
        assertTrue(option.message().contains("attribute 'defaultAction'"), option.message());
        Reply json = hq.call("CONF-V1", "PUT", "configurations", "{\"configs\":[{\"pid\":\"io.outpost.filter\",\"properties\":{\"holdMessages\":true}}]}", WAIT);
        assertEquals(400, json.code());
        assertTrue(json.message().contains("attribute 'holdMessages': has type Integer, not Boolean"), json.message());
        Reply unknown = hq.call("CONF-V1", "PUT", "configurations", configurationsXml(configuration("no.such.pid", property("a", "String", "b"))), WAIT);
        assertEquals(404, unknown.code());

        assertEquals(1000, stored(FILTER, "holdMessages"));
        assertEquals("pass-all", stored(FILTER, "defaultAction"));
        assertEquals(snapshotsBefore, snapshotIds(), "refused updates leave no snapshot");

        Reply good = hq.call("CONF-V1", "PUT", "configurations", "{\"configs\":[{\"pid\":\"io.outpost.filter\",\"properties\":{\"holdMessages\":250}}]}", WAIT);
        assertEquals(200, good.code(), good.toString());
        assertEquals(250, stored(FILTER, "holdMessages"), "JSON's integral number becomes the Integer metatype asks for");
    }

    @Test
    void passwordsAreNeverReturnedAndThePlaceholderKeepsThem() throws Exception {
        // CMD-V1's configuration has a PASSWORD attribute; it stays off (enabled=false), so nothing but its configuration changes
        configurations.single(COMMAND, Map.of("enabled", false, "password", "s3cret-pw-42"));
        Reply one = hq.call("CONF-V1", "GET", "configurations/" + COMMAND, null, WAIT);
        assertFalse(one.body().contains("s3cret-pw-42"), one.body());
        assertTrue(one.body().contains("<esf:property name=\"password\" array=\"false\" encrypted=\"false\" type=\"Password\"><esf:value>********</esf:value>"),
            one.body());
        assertFalse(hq.call("CONF-V1", "GET", "configurations", null, WAIT).body().contains("s3cret-pw-42"));
        Reply put = hq.call("CONF-V1", "PUT", "configurations/" + COMMAND,
            configurationsXml(configuration(COMMAND, property("password", "Password", "********"))), WAIT);
        assertEquals(200, put.code(), put.toString());
        assertEquals("s3cret-pw-42", stored(COMMAND, "password"));
        Matcher taken = SNAPSHOT_ID.matcher(hq.call("CONF-V1", "EXEC", "snapshot", null, WAIT).body());
        assertTrue(taken.find());
        Reply snapshot = hq.call("CONF-V1", "GET", "snapshots/" + taken.group(1), null, WAIT);
        assertTrue(snapshot.body().contains("<esf:property name=\"password\" array=\"false\" encrypted=\"false\" type=\"Password\"><esf:value>********"),
            snapshot.body());
        assertFalse(snapshot.body().contains("s3cret-pw-42"), snapshot.body());
    }

    @Test
    void anExternalEntityIsRefusedAndNoFileIsRead() throws Exception {
        Path secret = work.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-" + System.nanoTime());
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE esf:configurations [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
            + "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\">" + configuration(FILTER, property("stateFile", "String", "&x;"))
            + "</esf:configurations>";
        Reply r = hq.call("CONF-V1", "PUT", "configurations", xxe, WAIT);
        assertEquals(400, r.code(), r.toString());
        assertTrue(r.message().contains("DOCTYPE"), r.message());
        assertFalse(r.message().contains("TOP-SECRET"), r.message());
        assertEquals(null, stored(FILTER, "stateFile"));
        Reply get = hq.call("CONF-V1", "GET", "configurations/" + FILTER, null, WAIT);
        assertFalse(get.body().contains("TOP-SECRET"), get.body());
    }

    @Test
    void theGogoTwinCallsTheSameServiceAndChecksTheSameWay() throws Exception {
        assertTrue(shell("outpost:conf list").contains(FILTER + "  stored"), shell("outpost:conf list"));
        assertTrue(shell("outpost:conf get " + FILTER).contains("holdMessages (Integer) = 1000"), shell("outpost:conf get " + FILTER));
        String refused = shell("outpost:conf set " + FILTER + " holdMessages=-5");
        assertTrue(refused.startsWith("refused: pid 'io.outpost.filter' attribute 'holdMessages'"), refused);
        assertEquals(1000, stored(FILTER, "holdMessages"));
        assertEquals(FILTER + ": updated", shell("outpost:conf set " + FILTER + " holdMessages=321").trim());
        assertEquals(321, stored(FILTER, "holdMessages"));
        Reply remote = hq.call("CONF-V1", "GET", "configurations/" + FILTER, null, WAIT);
        assertTrue(remote.body().contains("<esf:value>321</esf:value>"), remote.body());
        assertTrue(shell("outpost:conf rollback").startsWith("rolled back to snapshot "));
        assertEquals(1000, stored(FILTER, "holdMessages"));
    }

    private String shell(String line) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (CommandSession session = gogo.createSession(new java.io.ByteArrayInputStream(new byte[0]), print, print)) {
            Object result = session.execute(line);
            return (result == null ? "" : result.toString()) + out.toString(StandardCharsets.UTF_8);
        }
    }
}
