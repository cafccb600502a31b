package io.outpost.itests.ota.critical;

import java.util.Hashtable;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Not run by the test JVM: {@code TestPackages.criticalHealthCheck} copies this class into a probe bundle, whose
 * activator registers it as a Felix health check that always answers CRITICAL, so the OTA health check must fail and
 * roll the package back.
 */
public final class CriticalCheck implements BundleActivator, HealthCheck {

    static final String NAME = "probe critical";

    private ServiceRegistration<HealthCheck> registration;

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(HealthCheck.NAME, NAME);
        registration = context.registerService(HealthCheck.class, this, properties);
    }

    @Override
    public void stop(BundleContext context) {
        if (registration != null) {
            registration.unregister();
        }
    }

    @Override
    public Result execute() {
        return new Result(Result.Status.CRITICAL, "the probe says it is broken");
    }
}
