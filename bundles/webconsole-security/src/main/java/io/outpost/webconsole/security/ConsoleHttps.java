package io.outpost.webconsole.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives Felix HTTP (configuration {@code org.apache.felix.http}) an HTTPS-only connector on the configured address
 * and port with the configured or generated certificate, secure HTTP-only session cookies and no Server header.
 * Until then the gateway's framework properties keep Felix HTTP without any connector. The configuration is written
 * only when it differs, so an unchanged gateway does not restart Jetty at boot.
 */
@Component(configurationPid = "io.outpost.webconsole.https", configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
    service = {})
@Designate(ocd = ConsoleHttpsConfig.class)
public final class ConsoleHttps {

    static final String HTTP_PID = "org.apache.felix.http";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleHttps.class);

    @Activate
    public ConsoleHttps(ConsoleHttpsConfig config, BundleContext context, @Reference ConfigurationAdmin configAdmin) throws IOException {
        if (config.port() < 1 || config.port() > 65535) {
            throw new IllegalArgumentException("web console HTTPS: field 'port' " + config.port() + " is out of range 1-65535");
        }
        String home = context.getProperty("outpost.home");
        Path base = Path.of(home == null || home.isBlank() ? "" : home.trim()).toAbsolutePath();
        Path keystore;
        String password;
        if (config.keystore().isBlank()) {
            keystore = base.resolve("data/webconsole/https.p12");
            boolean existed = Files.exists(keystore);
            password = SelfSignedKeystore.ensure(keystore, base.resolve("data/webconsole/https.p12.password"), config.subjectAltNames().trim());
            if (!existed) {
                LOG.warn("web console: generated a self-signed certificate in {}; browsers will ask to trust it."
                    + " Configure io.outpost.webconsole.https 'keystore' for one of your own", keystore);
            }
        } else {
            keystore = base.resolve(config.keystore().trim());
            password = config.keystorePassword();
            if (!Files.isReadable(keystore)) {
                throw new IllegalArgumentException("web console HTTPS: field 'keystore': " + keystore + " is not a readable file");
            }
            if (password.isEmpty()) {
                throw new IllegalArgumentException("web console HTTPS: field 'keystorePassword' is empty for key store " + keystore);
            }
        }
        Map<String, Object> wanted = new TreeMap<>();
        wanted.put("org.apache.felix.http.enable", false);
        wanted.put("org.apache.felix.https.enable", true);
        wanted.put("org.apache.felix.http.host", config.host().trim());
        wanted.put("org.osgi.service.http.port.secure", config.port());
        wanted.put("org.apache.felix.https.keystore", keystore.toString());
        wanted.put("org.apache.felix.https.keystore.password", password);
        wanted.put("org.apache.felix.https.keystore.key.password", password);
        wanted.put("org.apache.felix.https.keystore.type", "PKCS12");
        wanted.put("org.apache.felix.https.jetty.session.cookie.secure", true);
        wanted.put("org.apache.felix.https.jetty.session.cookie.httpOnly", true);
        wanted.put("org.apache.felix.http.jetty.sendServerHeader", false);
        // one operator, a few pages and live streams: 16 threads instead of Jetty's 200 (each costs a stack)
        wanted.put("org.apache.felix.http.jetty.threadpool.max", 16);
        // one acceptor and one selector whatever the cores (Jetty takes more on a 4-core Pi: one thread each, always on)
        wanted.put("org.apache.felix.http.jetty.acceptors", 1);
        wanted.put("org.apache.felix.http.jetty.selectors", 1);
        Configuration http = configAdmin.getConfiguration(HTTP_PID, null);
        Dictionary<String, Object> current = http.getProperties();
        if (current == null || !sameValues(current, wanted)) {
            http.update(new Hashtable<>(wanted));
            LOG.info("web console: HTTPS on {}:{} with the key store {}", config.host().trim(), config.port(), keystore);
        }
    }

    private static boolean sameValues(Dictionary<String, Object> current, Map<String, Object> wanted) {
        for (Map.Entry<String, Object> e : wanted.entrySet()) {
            if (!e.getValue().equals(current.get(e.getKey()))) {
                return false;
            }
        }
        for (String key : Collections.list(current.keys())) {
            if (!key.startsWith("service.") && !key.startsWith("felix.") && !wanted.containsKey(key)) {
                return false;
            }
        }
        return true;
    }
}
