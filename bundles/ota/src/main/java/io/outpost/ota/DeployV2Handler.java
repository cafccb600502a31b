package io.outpost.ota;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.outpost.api.data.Value;
import io.outpost.api.ota.InstalledPackage;
import io.outpost.api.ota.OtaState;
import io.outpost.api.request.Request;
import io.outpost.api.request.RequestHandler;
import io.outpost.api.request.Response;

/**
 * {@code DEPLOY-V2}, Kura compatible (kura-wire-facts section 3): {@code EXEC download}, {@code EXEC install},
 * {@code EXEC uninstall}, {@code EXEC start/<id>}, {@code EXEC stop/<id>}, {@code GET download}, {@code GET install},
 * {@code GET packages}, {@code GET bundles} (XML like Kura), {@code DEL download}. Every EXEC replies 200 once the job
 * is accepted; the work is reported by NOTIFY messages ({@link DeployNotifications}). Where Outpost differs from Kura
 * is listed in docs/ota.md.
 */
@Component(service = RequestHandler.class, property = RequestHandler.APP_ID + "=" + DeployNotifications.APP_ID)
public final class DeployV2Handler implements RequestHandler {

    private final OtaUpdates ota;
    private final BundleContext context;

    @Activate
    public DeployV2Handler(@Reference OtaUpdates ota, BundleContext context) {
        this.ota = ota;
        this.context = context;
    }

    @Override
    public Response handle(Request request) {
        List<String> r = request.resources();
        if (r.isEmpty()) {
            return Response.badRequest("DEPLOY-V2 needs a resource");
        }
        RequestMetrics metrics = new RequestMetrics(request.metrics());
        try {
            return switch (request.verb()) {
                case EXEC -> switch (r.get(0)) {
                    case "download" -> r.size() == 1 ? download(metrics, request.requester()) : notFound(request);
                    case "install" -> r.size() == 1 ? install(metrics, request.requester()) : notFound(request);
                    case "uninstall" -> r.size() == 1 ? uninstall(metrics, request.requester()) : notFound(request);
                    case "start", "stop" -> r.size() == 2 ? startStop(r.get(0), r.get(1)) : Response.badRequest("EXEC " + r.get(0) + " needs a bundle id");
                    default -> notFound(request);
                };
                case GET -> r.size() != 1 ? notFound(request) : switch (r.get(0)) {
                    case "download" -> getDownload();
                    case "install" -> getInstall();
                    case "packages" -> Response.ok(DeployXml.packages(ota.installedPackages()));
                    case "bundles" -> Response.ok(DeployXml.bundles(context.getBundles()));
                    default -> notFound(request);
                };
                case DEL -> r.size() == 1 && r.get(0).equals("download") ? cancel() : notFound(request);
                default -> Response.badRequest("DEPLOY-V2 does not take " + request.verb());
            };
        } catch (RequestMetrics.BadMetric e) {
            return Response.badRequest(e.getMessage());
        }
    }

    private static Response notFound(Request request) {
        return Response.notFound("DEPLOY-V2 has no resource " + request.verb() + " " + request.resourcePath());
    }

    private Response download(RequestMetrics m, String requester) throws RequestMetrics.BadMetric {
        String uri = m.requireString("dp.uri");
        String name = m.requireString("dp.name");
        String version = m.requireString("dp.version");
        long jobId = m.requireLong("job.id");
        String protocol = m.string("dp.download.protocol").orElse("HTTP");
        boolean overMqtt = protocol.equals("MQTT");
        if (!protocol.equals("HTTP") && !overMqtt) {
            return Response.badRequest("metric 'dp.download.protocol' '" + cut(protocol) + "' is not supported (HTTP covers http and https; MQTT)");
        }
        if (overMqtt != MqttBlockSource.isMqtt(uri)) {
            return Response.badRequest(overMqtt ? "metric 'dp.uri' must be mqtt:<package-id> with 'dp.download.protocol' MQTT"
                : "metric 'dp.uri' mqtt:... needs 'dp.download.protocol' MQTT");
        }
        if (m.bool("dp.install.system.update", false)) {
            return Response.badRequest("metric 'dp.install.system.update' true: system updates (shell scripts) are not supported");
        }
        String hash = "";
        Optional<String> hashText = m.string("dp.download.hash");
        if (hashText.isPresent()) {
            hash = parseHash(hashText.get());
        }
        String user = m.string("dp.download.username").orElse("");
        String password = m.string("dp.download.password").orElse("");
        int block = m.integer("dp.download.block.size", 0, 0, overMqtt ? MqttBlockSource.MAX_BLOCK_BYTES : 16 * 1024 * 1024);
        int notifyBlock = m.integer("dp.download.notify.block.size", 0, 0, Integer.MAX_VALUE);
        boolean install = m.bool("dp.install", true);
        m.bool("dp.download.resume", true);  // accepted; downloads always resume
        m.bool("dp.download.force", false);  // accepted; a job never reuses an earlier file
        String signature = m.string("dp.signature").orElse("");
        Optional<String> signatureUriMetric = m.string("dp.signature.uri");
        if (overMqtt && signature.isEmpty() && signatureUriMetric.isEmpty()) {
            return Response.badRequest("metric 'dp.signature' (or 'dp.signature.uri') is required with 'dp.download.protocol' MQTT");
        }
        String signatureUri = signatureUriMetric.orElse(uri + ".sig");
        int defaultBlock = overMqtt ? MqttBlockSource.DEFAULT_BLOCK_BYTES : UpdateJobs.DEFAULT_BLOCK_SIZE;
        UpdateJobs.DownloadOrder order = new UpdateJobs.DownloadOrder(jobId, uri, new PackageDownloader.Credentials(user, password),
            name, version, requester, install, hash, block == 0 ? defaultBlock : Math.max(1024, block), notifyBlock,
            signature, signature.isEmpty() ? signatureUri : "");
        if (ota.jobs().running().isPresent()) {
            Map<String, Value> metrics = new LinkedHashMap<>();
            metrics.put("download.status", Value.of("IN_PROGRESS"));
            return new Response(Response.INTERNAL_ERROR, "Another resource is already in download", metrics, null);
        }
        return accepted(ota.jobs().download(order));
    }

    /** {@code SHA-256:hex} (Kura writes the algorithm as MessageDigest names it); hex in either case. */
    static String parseHash(String text) throws RequestMetrics.BadMetric {
        int colon = text.indexOf(':');
        String algorithm = colon < 0 ? "" : text.substring(0, colon).strip().toUpperCase(Locale.ROOT).replace("-", "");
        String hex = colon < 0 ? "" : text.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
        if (!algorithm.equals("SHA256")) {
            throw new RequestMetrics.BadMetric("metric 'dp.download.hash' must be SHA-256:<hex>, is '" + cut(text) + "'");
        }
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new RequestMetrics.BadMetric("metric 'dp.download.hash' must hold 64 hex digits");
        }
        return hex;
    }

    private Response install(RequestMetrics m, String requester) throws RequestMetrics.BadMetric {
        return accepted(ota.jobs().installDownloaded(m.requireLong("job.id"), m.requireString("dp.name"), m.requireString("dp.version"), requester));
    }

    private Response uninstall(RequestMetrics m, String requester) throws RequestMetrics.BadMetric {
        return accepted(ota.jobs().uninstall(m.requireLong("job.id"), m.requireString("dp.name"), requester));
    }

    private Response startStop(String what, String id) {
        long bundleId;
        try {
            bundleId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Response.badRequest("bundle id '" + cut(id) + "' is not a number");
        }
        Bundle bundle = context.getBundle(bundleId);
        if (bundle == null) {
            return Response.badRequest("no bundle " + bundleId);
        }
        if (bundleId == 0 || bundle.equals(context.getBundle())) {
            return Response.badRequest("bundle " + bundleId + " carries this reply; not stopped or started remotely");
        }
        try {
            if (what.equals("start")) {
                bundle.start();
            } else {
                bundle.stop();
            }
            return Response.ok();
        } catch (BundleException | RuntimeException e) {
            return Response.badRequest(e.getMessage());
        }
    }

    private Response getDownload() {
        Map<String, Value> metrics = new LinkedHashMap<>();
        Optional<JobRecord> job = ota.jobs().last().filter(j -> j.state() == OtaState.DOWNLOADING);
        if (job.isPresent()) {
            metrics.put("dp.download.size", Value.of((int) Math.min(Integer.MAX_VALUE, job.get().bytesTotal())));
            metrics.put("dp.download.progress", Value.of(job.get().view().percent()));
            metrics.put("dp.download.status", Value.of("IN_PROGRESS"));
            metrics.put("job.id", Value.of(job.get().jobId()));
        } else {
            metrics.put("dp.download.size", Value.of(0));
            metrics.put("dp.download.progress", Value.of(100));
            metrics.put("dp.download.status", Value.of("ALREADY DONE"));
        }
        return new Response(Response.OK, "", metrics, null);
    }

    private Response getInstall() {
        Map<String, Value> metrics = new LinkedHashMap<>();
        Optional<JobRecord> job = ota.jobs().last().filter(j -> j.state() == OtaState.VERIFYING || j.state() == OtaState.INSTALLING
            || j.state() == OtaState.CHECKING);
        if (job.isPresent()) {
            metrics.put("dp.install.status", Value.of("IN_PROGRESS"));
            metrics.put("dp.name", Value.of(job.get().name()));
            metrics.put("dp.version", Value.of(job.get().version()));
            metrics.put("dp.install.state", Value.of(job.get().state().code()));
        } else {
            metrics.put("dp.install.status", Value.of("IDLE"));
        }
        return new Response(Response.OK, "", metrics, null);
    }

    private Response cancel() {
        Optional<String> refusal = ota.jobs().cancelDownload();
        return refusal.isEmpty() ? Response.ok() : Response.notFound(refusal.get());
    }

    private static Response accepted(Optional<String> refusal) {
        return refusal.isEmpty() ? Response.ok() : Response.badRequest(refusal.get());
    }

    private static String cut(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "_");
        return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
    }

    /** Kura's XML for GET packages and GET bundles (root elements, children and state names as Kura's marshaller). */
    static final class DeployXml {
        private DeployXml() {
        }

        static String packages(List<InstalledPackage> packages) {
            StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><packages>");
            for (InstalledPackage p : packages) {
                x.append("<package><name>").append(escape(p.name())).append("</name><version>").append(escape(p.version()))
                    .append("</version><bundles>");
                for (InstalledPackage.PackageBundle b : p.bundles()) {
                    x.append("<bundle><name>").append(escape(b.symbolicName())).append("</name><version>").append(escape(b.version()))
                        .append("</version></bundle>");
                }
                x.append("</bundles></package>");
            }
            return x.append("</packages>").toString();
        }

        static String bundles(Bundle[] bundles) {
            StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><bundles>");
            for (Bundle b : bundles) {
                x.append("<bundle><name>").append(escape(String.valueOf(b.getSymbolicName()))).append("</name><version>")
                    .append(escape(b.getVersion().toString())).append("</version><id>").append(b.getBundleId()).append("</id><state>")
                    .append(PackageHealth.stateName(b.getState())).append("</state></bundle>");
            }
            return x.append("</bundles>").toString();
        }

        static String escape(String s) {
            StringBuilder out = new StringBuilder(s.length());
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&apos;");
                    default -> {
                        if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                            out.append(c);
                        }
                    }
                }
            }
            return out.toString();
        }
    }
}
