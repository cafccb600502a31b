package io.outpost.webconsole.plugins;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.outpost.api.request.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The remote-management audit: the newest lines of the request dispatcher's audit file (its configuration's
 * {@code auditFile}, by default {@code data/audit/requests.log}): who asked what, when, and the reply code. Shown
 * only while a {@link RequestDispatcher} is running.
 */
@Component(service = Servlet.class, property = {ServletConstants.PLUGIN_LABEL + "=outpost-requests",
    ServletConstants.PLUGIN_TITLE + "=Requests", ServletConstants.PLUGIN_CATEGORY + "=Outpost"})
public final class RequestsPage extends AbstractServlet {

    static final int SHOWN = 200;
    private static final long serialVersionUID = 1L;
    private final transient BundleContext context;
    private transient volatile RequestDispatcher dispatcher;
    private transient volatile ConfigurationAdmin configAdmin;

    @Activate
    public RequestsPage(BundleContext context) {
        this.context = context;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setDispatcher(RequestDispatcher d) {
        this.dispatcher = d;
    }

    void unsetDispatcher(RequestDispatcher d) {
        if (this.dispatcher == d) {
            this.dispatcher = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setConfigAdmin(ConfigurationAdmin c) {
        this.configAdmin = c;
    }

    void unsetConfigAdmin(ConfigurationAdmin c) {
        if (this.configAdmin == c) {
            this.configAdmin = null;
        }
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrintWriter w = response.getWriter();
        if (dispatcher == null) {
            w.println(Html.notInstalled("Remote management (io.outpost.request.dispatcher)"));
            return;
        }
        Path file = auditFile();
        Deque<String> lines = new ArrayDeque<>();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = reader.readLine()) != null;) {
                lines.addFirst(line);
                if (lines.size() > SHOWN) {
                    lines.removeLast();
                }
            }
        } catch (NoSuchFileException e) {
            // no request answered yet
        }
        w.println("<p id='outpost-audit-file'>" + Html.text("Audit file " + file + ": " + lines.size() + " newest request(s), newest first.")
            + "</p>");
        w.println("<table class='tablesorter nicetable' id='outpost-requests'>" + Html.header("Time", "Requester", "App", "Verb",
            "Resource", "Request id", "Code", "Micros") + "<tbody>");
        for (String line : lines) {
            Map<String, String> f = fields(line);
            w.println(Html.row(f.getOrDefault("time", ""), f.getOrDefault("requester", ""), f.getOrDefault("app", ""),
                f.getOrDefault("verb", ""), f.getOrDefault("resource", ""), f.getOrDefault("id", ""), f.getOrDefault("code", ""),
                f.getOrDefault("micros", "")));
        }
        w.println("</tbody></table>");
    }

    /** One audit line: {@code <time> key=value ...} (values have no spaces). */
    static Map<String, String> fields(String line) {
        Map<String, String> f = new LinkedHashMap<>();
        String[] parts = line.split(" ");
        f.put("time", parts[0]);
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                f.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
        }
        return f;
    }

    private Path auditFile() {
        String configured = "data/audit/requests.log";
        ConfigurationAdmin ca = configAdmin;
        if (ca != null) {
            try {
                Configuration[] c = ca.listConfigurations("(service.pid=io.outpost.request.dispatcher)");
                Dictionary<String, Object> p = c == null || c.length == 0 ? null : c[0].getProperties();
                if (p != null && p.get("auditFile") != null && !p.get("auditFile").toString().isBlank()) {
                    configured = p.get("auditFile").toString().trim();
                }
            } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
                // keep the default
            }
        }
        String home = context.getProperty("outpost.home");
        return Path.of(home == null || home.isBlank() ? "" : home.trim()).toAbsolutePath().resolve(configured);
    }
}
