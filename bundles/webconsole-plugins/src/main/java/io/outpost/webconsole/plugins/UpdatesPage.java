package io.outpost.webconsole.plugins;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.ota.InstallRequest;
import io.outpost.api.ota.InstalledPackage;
import io.outpost.api.ota.OtaJob;
import io.outpost.api.ota.OtaService;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What is installed (bundles, versions, state), the {@link OtaService}'s last job and packages, and the upload of a
 * signed package: a POST of the page's form ({@link PackageUpload}) hands the package to
 * {@link OtaService#install}, the path of {@code outpost:ota install}. The job is then followed on
 * {@code <label>/job} (JSON) until it is committed, rolled back or refused. Without the OTA service the page says
 * "not installed" and offers no upload.
 */
@Component(service = Servlet.class, configurationPid = UpdatesConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
    property = {ServletConstants.PLUGIN_LABEL + "=" + UpdatesPage.LABEL, ServletConstants.PLUGIN_TITLE + "=Updates",
        ServletConstants.PLUGIN_CATEGORY + "=Outpost"})
@Designate(ocd = UpdatesConfig.class)
public final class UpdatesPage extends AbstractServlet {

    static final String LABEL = "outpost-updates";
    private static final String REFUSAL = UpdatesPage.class.getName() + ".refusal";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(UpdatesPage.class);

    private final transient BundleContext context;
    private final transient Path uploads;
    private final long maxUploadBytes;

    private transient volatile Ota ota;

    /** The OTA service and the bundle that provides it. */
    private record Ota(OtaService service, String description) {
    }

    @Activate
    public UpdatesPage(BundleContext context, UpdatesConfig config) {
        this.context = context;
        String home = context.getProperty("outpost.home");
        this.uploads = Path.of(home == null || home.isBlank() ? "" : home.trim()).toAbsolutePath().resolve("data/webconsole/uploads");
        this.maxUploadBytes = Math.max(1024, config.maxUploadBytes());
        PackageUpload.clean(uploads);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setOta(OtaService service, ServiceReference<OtaService> reference) {
        ota = new Ota(service, String.join(", ", (String[]) reference.getProperty("objectClass")) + " from bundle "
            + reference.getBundle().getSymbolicName());
    }

    void unsetOta(OtaService service) {
        Ota o = ota;
        if (o != null && o.service() == service) {
            ota = null;
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.equals("/" + LABEL + "/job")) {
            response.setContentType("application/json;charset=UTF-8");
            setNoCache(response);
            response.setStatus(200);
            Ota o = ota;
            response.getWriter().write(o == null ? "{\"job\":null}" : "{\"job\":" + jobJson(o.service().lastJob()) + "}");
        } else {
            super.doGet(request, response); // resources under /res/, else the console renders the page
        }
    }

    /**
     * The upload. Accepted: a redirect to the page, which follows the job. Refused: a browser gets the page with the
     * reason (the console renders it, so the status is 200); any other client the status and the reason as text.
     */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (!path.equals("/" + LABEL)) {
            response.sendError(404);
            return;
        }
        InstallRequest outcome;
        int status;
        Ota o = ota;
        if (o == null) {
            outcome = InstallRequest.refused("the OTA update service (io.outpost.api.ota) is not installed");
            status = 503;
        } else {
            try (PackageUpload upload = PackageUpload.receive(request.getContentType(), request.getContentLengthLong(),
                request::getInputStream, uploads, maxUploadBytes)) {
                outcome = o.service().install(upload.packageFile(), upload.signatureText());
                status = outcome.isAccepted() ? 303 : 409;
                LOG.info("web console: upload of {} by {}: {}", upload.packageFile().getFileName(), request.getRemoteAddr(),
                    outcome.isAccepted() ? "job " + outcome.jobId() : "refused: " + outcome.refusal());
            } catch (PackageUpload.Refused e) {
                outcome = InstallRequest.refused(e.getMessage());
                status = e.status;
                LOG.warn("web console: upload from {} refused: {}", request.getRemoteAddr(), e.getMessage());
            } catch (IOException e) {
                outcome = InstallRequest.refused("the upload failed: " + e.getMessage());
                status = 400;
                LOG.warn("web console: upload from {} failed: {}", request.getRemoteAddr(), e.getMessage());
            }
        }
        if (outcome.isAccepted()) {
            response.sendRedirect(pluginRoot(request));
        } else if (acceptsHtml(request)) {
            request.setAttribute(REFUSAL, outcome.refusal()); // the console renders the page with it
        } else {
            response.setStatus(status);
            response.setContentType("text/plain;charset=UTF-8");
            response.setHeader("Connection", "close"); // the rest of a refused body is not read
            response.getWriter().println("refused: " + outcome.refusal());
            response.flushBuffer(); // out before the container decides what to do with the unread body
        }
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = pluginRoot(request);
        PrintWriter w = response.getWriter();
        w.println("<h2>Over-the-air updates</h2>");
        Ota o = ota;
        if (o == null) {
            w.println(Html.notInstalled("OTA update service (io.outpost.api.ota)"));
            w.println("<p>Without it, packages cannot be uploaded here; bundles can still be inspected under OSGi, Bundles.</p>");
        } else {
            w.println("<ul id='outpost-ota-services'><li>" + Html.text(o.description()) + "</li></ul>");
            renderUpload(w, base, request.getAttribute(REFUSAL));
            renderJob(w, base, o.service().lastJob());
            renderPackages(w, o.service().installedPackages());
        }
        w.println("<h2>Installed bundles</h2><table class='tablesorter nicetable' id='outpost-installed'>"
            + Html.header("Id", "Bundle", "Version", "State") + "<tbody>");
        Bundle[] bundles = context.getBundles();
        Arrays.sort(bundles, Comparator.comparing(b -> String.valueOf(b.getSymbolicName())));
        for (Bundle b : bundles) {
            w.println(Html.row(b.getBundleId(), b.getSymbolicName(), b.getVersion(), state(b.getState())));
        }
        w.println("</tbody></table>");
        w.println("<script src='" + Html.text(base) + "/res/outpost-updates.js'></script>");
    }

    private void renderUpload(PrintWriter w, String base, Object refusal) {
        w.println("<h3>Upload a signed package</h3>");
        w.println("<p>A deployment package or a single bundle, with its detached signature (the <code>.sig</code> file of"
            + " <code>io.outpost.ota.signer sign</code>). It goes through the signature check, the install, the health check and,"
            + " if that fails, the rollback, as a package from HQ does. At most " + maxUploadBytes + " bytes.</p>");
        if (refusal != null) {
            w.println("<p id='outpost-upload-refused' class='ui-state-error' style='padding:.5em'>Refused: " + Html.text(refusal) + "</p>");
        }
        w.println("<form id='outpost-upload' method='post' enctype='multipart/form-data' action='" + Html.text(base) + "' data-max='"
            + maxUploadBytes + "'><table class='nicetable'><tbody>"
            + "<tr><td><label for='outpost-upload-package'>Package</label></td><td><input type='file' id='outpost-upload-package' name='"
            + PackageUpload.PACKAGE_FIELD + "' required></td></tr>"
            + "<tr><td><label for='outpost-upload-signature'>Signature (.sig)</label></td><td><input type='file' id='outpost-upload-signature'"
            + " name='" + PackageUpload.SIGNATURE_FIELD + "'></td></tr>"
            + "<tr><td></td><td><button type='submit' id='outpost-upload-submit'>Upload and install</button>"
            + " <span id='outpost-upload-note'></span></td></tr></tbody></table></form>");
    }

    private void renderJob(PrintWriter w, String base, Optional<OtaJob> last) {
        w.println("<h3>Last job</h3>");
        if (last.isEmpty()) {
            w.println("<p id='outpost-ota-no-job'>No update has run on this gateway.</p>");
            return;
        }
        OtaJob j = last.get();
        w.println("<table class='nicetable' id='outpost-ota-job' data-base='" + Html.text(base) + "' data-final='" + j.state().isFinal()
            + "'><tbody>");
        field(w, "Job", "job", j.jobId());
        field(w, "Package", "name", j.name());
        field(w, "Version", "version", j.version());
        field(w, "From", "source", source(j));
        field(w, "State", "state", j.state().code());
        field(w, "Progress", "progress", progress(j));
        field(w, "Signature", "signature", j.signature());
        field(w, "Health check", "health", j.health());
        field(w, "Result", "message", j.message());
        w.println("</tbody></table>");
    }

    private static void field(PrintWriter w, String label, String key, Object value) {
        w.println("<tr><th>" + Html.text(label) + "</th><td data-field='" + key + "'>" + Html.text(value) + "</td></tr>");
    }

    private static void renderPackages(PrintWriter w, List<InstalledPackage> packages) {
        w.println("<h3>Packages installed over the air</h3>");
        if (packages.isEmpty()) {
            w.println("<p id='outpost-ota-no-packages'>None yet.</p>");
            return;
        }
        w.println("<table class='nicetable' id='outpost-ota-packages'>" + Html.header("Package", "Version", "Bundles") + "<tbody>");
        for (InstalledPackage p : packages) {
            StringBuilder b = new StringBuilder();
            p.bundles().forEach(x -> b.append(b.length() == 0 ? "" : ", ").append(x.symbolicName()).append(' ').append(x.version()));
            w.println(Html.row(p.name(), p.version(), b));
        }
        w.println("</tbody></table>");
    }

    static String progress(OtaJob j) {
        return j.bytesTotal() > 0 ? j.percent() + " % of " + j.bytesTotal() + " bytes" : "";
    }

    /** Where a job's package came from; an upload of this page by its file name (its folder is gone by then). */
    String source(OtaJob j) {
        Path path;
        try {
            path = Path.of(j.source());
        } catch (java.nio.file.InvalidPathException e) {
            return j.source();
        }
        return path.startsWith(uploads) && path.getNameCount() > 0 ? "upload of " + path.getFileName() + " in the web console" : j.source();
    }

    String jobJson(Optional<OtaJob> last) {
        if (last.isEmpty()) {
            return "null";
        }
        OtaJob j = last.get();
        return "{\"id\":" + j.jobId() + ",\"name\":" + Json.string(j.name()) + ",\"version\":" + Json.string(j.version())
            + ",\"source\":" + Json.string(source(j)) + ",\"state\":" + Json.string(j.state().code()) + ",\"final\":" + j.state().isFinal()
            + ",\"progress\":" + Json.string(progress(j)) + ",\"signature\":" + Json.string(j.signature()) + ",\"health\":"
            + Json.string(j.health()) + ",\"message\":" + Json.string(j.message()) + "}";
    }

    private static String pluginRoot(HttpServletRequest request) {
        Object root = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        return root != null ? root.toString() : request.getContextPath() + request.getServletPath() + "/" + LABEL;
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            default -> "uninstalled";
        };
    }
}
