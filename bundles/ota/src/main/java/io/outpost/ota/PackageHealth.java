package io.outpost.ota;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Decides whether an installed package is healthy: every bundle of it at the package's version and active (fragments resolved), every enabled DS
 * component of those bundles satisfied or active, every Felix {@link HealthCheck} service those bundles register OK,
 * and, when a link was up before the install, a link up again. Asked again and again until it passes or the deadline
 * has passed; the last problem found is the reason given upstream.
 */
final class PackageHealth {

    private final BundleContext context;
    private final Supplier<Optional<ServiceComponentRuntime>> scr;
    private final BooleanSupplier anyLinkUp;

    PackageHealth(BundleContext context, Supplier<Optional<ServiceComponentRuntime>> scr, BooleanSupplier anyLinkUp) {
        this.context = context;
        this.scr = scr;
        this.anyLinkUp = anyLinkUp;
    }

    /** The first problem found now, empty when the package is healthy. */
    Optional<String> problem(Map<String, String> versions, boolean needLink) {
        List<Bundle> bundles = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (versions.containsKey(bundle.getSymbolicName())) {
                bundles.add(bundle);
            }
        }
        if (bundles.size() < versions.size()) {
            return Optional.of("not every bundle of the package is installed");
        }
        for (Bundle bundle : bundles) {
            String wantedVersion = versions.get(bundle.getSymbolicName());
            if (!bundle.getVersion().toString().equals(wantedVersion)) {
                return Optional.of("bundle " + bundle.getSymbolicName() + " is version " + bundle.getVersion() + ", not " + wantedVersion);
            }
        }
        for (Bundle bundle : bundles) {
            boolean fragment = bundle.getHeaders("").get("Fragment-Host") != null;
            int wanted = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != wanted) {
                return Optional.of("bundle " + bundle.getSymbolicName() + " is " + stateName(bundle.getState()) + ", not " + stateName(wanted));
            }
        }
        Optional<String> components = components(bundles);
        if (components.isPresent()) {
            return components;
        }
        Optional<String> checks = healthChecks(bundles);
        if (checks.isPresent()) {
            return checks;
        }
        if (needLink && !anyLinkUp.getAsBoolean()) {
            return Optional.of("no upstream link is up again");
        }
        return Optional.empty();
    }

    /**
     * Asks {@link #problem} until it finds none or {@code deadlineMillis} (epoch millis) has passed.
     *
     * @return empty when healthy, else the last problem
     */
    Optional<String> await(Map<String, String> versions, boolean needLink, long deadlineMillis, BooleanSupplier stop) {
        while (true) {
            Optional<String> problem = problem(versions, needLink);
            if (problem.isEmpty() || System.currentTimeMillis() >= deadlineMillis || stop.getAsBoolean()) {
                return problem;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }
    }

    private Optional<String> components(List<Bundle> bundles) {
        Optional<ServiceComponentRuntime> runtime = scr.get();
        if (runtime.isEmpty()) {
            return Optional.of("Service Component Runtime not available to check components");
        }
        for (Bundle bundle : bundles) {
            Collection<ComponentDescriptionDTO> descriptions = runtime.get().getComponentDescriptionDTOs(bundle);
            for (ComponentDescriptionDTO description : descriptions) {
                if (!runtime.get().isComponentEnabled(description)) {
                    continue;
                }
                for (ComponentConfigurationDTO configuration : runtime.get().getComponentConfigurationDTOs(description)) {
                    int state = configuration.state;
                    if (state == ComponentConfigurationDTO.SATISFIED || state == ComponentConfigurationDTO.ACTIVE) {
                        continue;
                    }
                    StringBuilder why = new StringBuilder("component " + description.name + " of " + bundle.getSymbolicName() + " is ");
                    switch (state) {
                        case ComponentConfigurationDTO.FAILED_ACTIVATION -> why.append("failed: ").append(configuration.failure);
                        case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> why.append("missing its configuration");
                        case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> {
                            why.append("missing references");
                            for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
                                why.append(' ').append(reference.name);
                            }
                        }
                        default -> why.append("in state ").append(state);
                    }
                    return Optional.of(why.toString());
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> healthChecks(List<Bundle> bundles) {
        Collection<ServiceReference<HealthCheck>> references;
        try {
            references = context.getServiceReferences(HealthCheck.class, null);
        } catch (InvalidSyntaxException e) {
            return Optional.empty();
        }
        for (ServiceReference<HealthCheck> reference : references) {
            Bundle owner = reference.getBundle();
            if (owner == null || !bundles.contains(owner)) {
                continue;
            }
            HealthCheck check = context.getService(reference);
            if (check == null) {
                continue;
            }
            Object nameProperty = reference.getProperty(HealthCheck.NAME);
            String name = nameProperty == null ? "of " + owner.getSymbolicName() : "'" + nameProperty + "'";
            try {
                Result result = check.execute();
                if (!result.isOk()) {
                    return Optional.of("health check " + name + " is " + result.getStatus() + ": " + result);
                }
            } catch (RuntimeException e) {
                return Optional.of("health check " + name + " threw " + e);
            } finally {
                context.ungetService(reference);
            }
        }
        return Optional.empty();
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> Integer.toString(state);
        };
    }
}
