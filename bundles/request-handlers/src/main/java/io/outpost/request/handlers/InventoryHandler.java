package io.outpost.request.handlers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.outpost.json.JsonOut;
import io.outpost.api.ota.InstalledPackage;
import io.outpost.api.ota.OtaService;
import io.outpost.api.request.Request;
import io.outpost.api.request.RequestHandler;
import io.outpost.api.request.Response;
import io.outpost.api.request.Verb;

/**
 * {@code INVENTORY-V1}, with Kura's JSON: {@code GET inventory} (bundles, deployment packages and system packages,
 * by name), {@code GET bundles}, {@code GET deploymentPackages} (what the OTA service installed and committed, with
 * their bundles; empty without it), {@code GET systemPackages} (the OS and the JVM), and {@code EXEC bundles/_start} /
 * {@code bundles/_stop} with body {@code {"name": symbolic-name, "version"?: v}}. The bundles the reply path
 * runs on (framework, API, link, profile, outbox, dispatcher, this one) are not stopped: 400 says why.
 */
@Component(service = RequestHandler.class, property = RequestHandler.APP_ID + "=" + InventoryHandler.APP_ID)
public final class InventoryHandler implements RequestHandler {

    static final String APP_ID = "INVENTORY-V1";

    /** Stopping one of these would cut the way the reply (and every later request) travels. */
    static final Set<String> REPLY_PATH = Set.of("io.outpost.api", "io.outpost.link.mqtt", "io.outpost.profile.kura", "io.outpost.outbox",
        "io.outpost.request.dispatcher", "io.outpost.request.handlers", "org.apache.felix.scr");

    private final BundleContext context;
    private final Properties system;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile OtaService ota;

    @Activate
    public InventoryHandler(BundleContext context) {
        this(context, System.getProperties());
    }

    InventoryHandler(BundleContext context, Properties system) {
        this.context = context;
        this.system = system;
    }

    @Override
    public Response handle(Request request) {
        String resource = request.resourcePath();
        try {
            if (request.verb() == Verb.GET) {
                return switch (resource) {
                    case "inventory" -> Response.ok(JsonOut.write(Map.of("inventory", inventory())));
                    case "bundles" -> Response.ok(JsonOut.write(Map.of("bundles", bundles())));
                    case "systemPackages" -> Response.ok(JsonOut.write(Map.of("systemPackages", systemPackages())));
                    case "deploymentPackages" -> Response.ok(JsonOut.write(Map.of("deploymentPackages", deploymentPackages())));
                    default -> Response.notFound("INVENTORY-V1 has no GET " + resource);
                };
            }
            if (request.verb() == Verb.EXEC && (resource.equals("bundles/_start") || resource.equals("bundles/_stop"))) {
                return startOrStop(request.body(), resource.endsWith("_start"));
            }
        } catch (IllegalArgumentException e) {
            return Response.badRequest(e.getMessage());
        }
        return Response.notFound("INVENTORY-V1 has no " + request.verb() + " " + resource);
    }

    private Response startOrStop(byte[] body, boolean start) {
        Object json = JsonBody.parse(body);
        if (json == null) {
            throw new IllegalArgumentException("a body {\"name\": bundle symbolic name, \"version\"?: version} is required");
        }
        Map<?, ?> wanted = JsonBody.object(json, "body");
        String name = JsonBody.string(wanted, "name", "body");
        String version = wanted.get("version") instanceof String v ? v : null;
        Optional<Bundle> match = Arrays.stream(context.getBundles())
            .filter(b -> name.equals(b.getSymbolicName()) && (version == null || version.equals(b.getVersion().toString()))).findFirst();
        if (match.isEmpty()) {
            return Response.notFound("no bundle " + name + (version == null ? "" : " " + version));
        }
        Bundle bundle = match.get();
        if (!start && (bundle.getBundleId() == 0 || REPLY_PATH.contains(name))) {
            return Response.badRequest("bundle " + name + " carries requests and replies; stopping it remotely would cut this gateway off");
        }
        try {
            if (start) {
                bundle.start();
            } else {
                bundle.stop();
            }
            return Response.ok();
        } catch (BundleException | IllegalStateException | SecurityException e) {
            return Response.error(Response.INTERNAL_ERROR, (start ? "start" : "stop") + " of " + name + " failed: " + e.getMessage());
        }
    }

    private List<Object> bundles() {
        List<Object> out = new ArrayList<>();
        Arrays.stream(context.getBundles()).sorted(Comparator.comparingLong(Bundle::getBundleId)).forEach(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", b.getSymbolicName() == null ? "" : b.getSymbolicName());
            m.put("version", b.getVersion().toString());
            m.put("id", b.getBundleId());
            m.put("state", state(b.getState()));
            m.put("signed", !b.getSignerCertificates(Bundle.SIGNERS_ALL).isEmpty());
            out.add(m);
        });
        return out;
    }

    private List<Object> systemPackages() {
        return List.of(entry(system.getProperty("os.name", "unknown"), system.getProperty("os.version", ""), "UNKNOWN"),
            entry(system.getProperty("java.vm.name", "java"), system.getProperty("java.version", ""), "UNKNOWN"));
    }

    private List<Object> inventory() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            all.add(entry(b.getSymbolicName() == null ? "" : b.getSymbolicName(), b.getVersion().toString(), "BUNDLE"));
        }
        for (Map<String, Object> p : deploymentPackages()) {
            all.add(entry((String) p.get("name"), (String) p.get("version"), "DP"));
        }
        for (Object p : systemPackages()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) p;
            all.add(m);
        }
        all.sort(Comparator.comparing(m -> (String) m.get("name")));
        return new ArrayList<>(all);
    }

    /** The packages the OTA service installed and committed, with their bundles; none without the OTA service. */
    private List<Map<String, Object>> deploymentPackages() {
        OtaService service = ota;
        List<Map<String, Object>> out = new ArrayList<>();
        for (InstalledPackage p : service == null ? List.<InstalledPackage>of() : service.installedPackages()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("version", p.version());
            m.put("bundles", p.bundles().stream().map(b -> Map.of("name", b.symbolicName(), "version", b.version())).toList());
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> entry(String name, String version, String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("version", version);
        m.put("type", type);
        return m;
    }

    static Object state(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> state;
        };
    }
}
