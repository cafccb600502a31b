package io.outpost.webconsole.plugins;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Comparator;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What is installed (bundles, versions, state) and the over-the-air update service. The OTA service is not part of
 * this gateway yet: the page looks for any service in the {@code io.outpost.api.ota} packages and names it; until
 * one exists it says "not installed" and offers no upload.
 */
@Component(service = Servlet.class, property = {ServletConstants.PLUGIN_LABEL + "=outpost-updates",
    ServletConstants.PLUGIN_TITLE + "=Updates", ServletConstants.PLUGIN_CATEGORY + "=Outpost"})
public final class UpdatesPage extends AbstractServlet {

    static final String OTA_FILTER = "(objectClass=io.outpost.api.ota.*)";
    private static final long serialVersionUID = 1L;
    private final transient BundleContext context;

    @Activate
    public UpdatesPage(BundleContext context) {
        this.context = context;
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrintWriter w = response.getWriter();
        w.println("<h2>Over-the-air updates</h2>");
        ServiceReference<?>[] ota;
        try {
            ota = context.getAllServiceReferences(null, OTA_FILTER);
        } catch (InvalidSyntaxException e) {
            ota = null;
        }
        if (ota == null || ota.length == 0) {
            w.println(Html.notInstalled("OTA update service (io.outpost.api.ota)"));
            w.println("<p>Without it, packages cannot be uploaded here; bundles can still be inspected under OSGi, Bundles.</p>");
        } else {
            w.println("<ul id='outpost-ota-services'>");
            for (ServiceReference<?> r : ota) {
                w.println("<li>" + Html.text(String.join(", ", (String[]) r.getProperty("objectClass")) + " from bundle "
                    + r.getBundle().getSymbolicName()) + "</li>");
            }
            w.println("</ul>");
        }
        w.println("<h2>Installed</h2><table class='tablesorter nicetable' id='outpost-installed'>"
            + Html.header("Id", "Bundle", "Version", "State") + "<tbody>");
        Bundle[] bundles = context.getBundles();
        Arrays.sort(bundles, Comparator.comparing(b -> String.valueOf(b.getSymbolicName())));
        for (Bundle b : bundles) {
            w.println(Html.row(b.getBundleId(), b.getSymbolicName(), b.getVersion(), state(b.getState())));
        }
        w.println("</tbody></table>");
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
