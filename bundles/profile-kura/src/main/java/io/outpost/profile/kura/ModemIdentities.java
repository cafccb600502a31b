package io.outpost.profile.kura;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

/**
 * The modem identity a cellular link publishes as service properties ({@code outpost.modem.imei},
 * {@code outpost.modem.iccid}), for the birth certificate's {@code modem_imei} and {@code modem_iccid}, as Kura sends
 * them when a modem is present. Watches the registry by property, so the profile needs no link bundle installed. The
 * birth is announced again only when an identity changes, not on every signal update of the link's properties.
 */
final class ModemIdentities implements ServiceListener {

    static final String IMEI = "outpost.modem.imei";
    static final String ICCID = "outpost.modem.iccid";

    private final BundleContext context;
    private final Runnable changed;
    private final Map<Long, Map<String, String>> byServiceId = new ConcurrentHashMap<>();

    ModemIdentities(BundleContext context, Runnable changed) {
        this.context = context;
        this.changed = changed;
    }

    void open() {
        String filter = "(" + IMEI + "=*)";
        try {
            context.addServiceListener(this, filter);
            ServiceReference<?>[] existing = context.getAllServiceReferences(null, filter);
            if (existing != null) {
                for (ServiceReference<?> ref : existing) {
                    byServiceId.put(id(ref), identity(ref));
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    void close() {
        context.removeServiceListener(this);
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        ServiceReference<?> ref = event.getServiceReference();
        Map<String, String> before = birthMetrics();
        if (event.getType() == ServiceEvent.REGISTERED || event.getType() == ServiceEvent.MODIFIED) {
            byServiceId.put(id(ref), identity(ref));
        } else {
            byServiceId.remove(id(ref));
        }
        if (!Objects.equals(before, birthMetrics())) {
            changed.run();
        }
    }

    /** {@code modem_imei} and {@code modem_iccid} of the first modem (lowest service id) that knows them; empty without one. */
    Map<String, String> birthMetrics() {
        Map<String, String> out = new LinkedHashMap<>();
        new TreeMap<>(byServiceId).values().stream().filter(m -> !m.isEmpty()).findFirst().ifPresent(out::putAll);
        return out;
    }

    private static Map<String, String> identity(ServiceReference<?> ref) {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "modem_imei", ref.getProperty(IMEI));
        put(m, "modem_iccid", ref.getProperty(ICCID));
        return m;
    }

    private static void put(Map<String, String> m, String name, Object value) {
        if (value instanceof String s && !s.isBlank()) {
            m.put(name, s);
        }
    }

    private static long id(ServiceReference<?> ref) {
        return (Long) ref.getProperty("service.id");
    }
}
