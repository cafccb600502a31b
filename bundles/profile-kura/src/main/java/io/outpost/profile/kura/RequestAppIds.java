package io.outpost.profile.kura;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

/**
 * The app ids of the registered request handlers (service property {@code outpost.request.app}), which the birth
 * certificate and {@code MQTT/APPS} list in {@code application_ids}. Watches the registry without importing the
 * handler interface, so the profile runs without the request API's users installed.
 */
final class RequestAppIds implements ServiceListener {

    static final String HANDLER_CLASS = "io.outpost.api.request.RequestHandler";
    static final String APP_ID = "outpost.request.app";

    private final BundleContext context;
    private final Runnable changed;
    private final Map<Long, String> byServiceId = new ConcurrentHashMap<>();

    RequestAppIds(BundleContext context, Runnable changed) {
        this.context = context;
        this.changed = changed;
    }

    void open() {
        String filter = "(objectClass=" + HANDLER_CLASS + ")";
        try {
            context.addServiceListener(this, filter);
            ServiceReference<?>[] existing = context.getAllServiceReferences(HANDLER_CLASS, null);
            if (existing != null) {
                for (ServiceReference<?> ref : existing) {
                    add(ref);
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
        switch (event.getType()) {
            case ServiceEvent.REGISTERED, ServiceEvent.MODIFIED -> add(ref);
            default -> byServiceId.remove((Long) ref.getProperty("service.id"));
        }
        changed.run();
    }

    private void add(ServiceReference<?> ref) {
        if (ref.getProperty(APP_ID) instanceof String id && !id.isBlank()) {
            byServiceId.put((Long) ref.getProperty("service.id"), id);
        }
    }

    /** Sorted, without duplicates. */
    List<String> appIds() {
        return byServiceId.values().stream().distinct().sorted().toList();
    }
}
