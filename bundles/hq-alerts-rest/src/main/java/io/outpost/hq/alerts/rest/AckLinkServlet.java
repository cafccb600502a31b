package io.outpost.hq.alerts.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.hq.alert.AckLinkCheck;
import io.outpost.api.hq.alert.Acknowledgement;
import io.outpost.api.hq.alert.AlertRecord;
import io.outpost.api.hq.alert.AlertService;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /outpost-hq/ack?alert=<id>&exp=<epoch seconds>&sig=<signature>}, the link in an alert's e-mail. A GET
 * shows the alert and a button and changes nothing (mail scanners and link previews follow links); the button's
 * POST acknowledges it as {@code mail-link}. A link HQ did not sign, or one past its expiry, is answered 403.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(AckLinkServlet.PATTERN)
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=" + AckLinkContext.NAME + ")")
public final class AckLinkServlet extends HttpServlet {

    static final String PATTERN = "/ack";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AckLinkServlet.class);

    private final transient AlertService alerts;

    @Activate
    public AckLinkServlet(@Reference AlertService alerts) {
        this.alerts = alerts;
    }

    /** The three parameters of a link. */
    private record Link(long alert, long expires, String sig) {
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("POST")) {
            response.setHeader("Allow", "GET, HEAD, POST");
            page(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, AckPage.message("Not supported", method + " is not supported here."));
            return;
        }
        try {
            Optional<Link> link = link(request);
            if (link.isEmpty()) {
                page(response, HttpServletResponse.SC_BAD_REQUEST, AckPage.message("Incomplete link",
                        "This acknowledgement link is incomplete. Open the whole link from the e-mail."));
                return;
            }
            Link l = link.get();
            AckLinkCheck check = alerts.checkAckLink(l.alert(), l.expires(), l.sig());
            if (check != AckLinkCheck.GENUINE) {
                page(response, HttpServletResponse.SC_FORBIDDEN, check == AckLinkCheck.EXPIRED
                        ? AckPage.message("Link expired", "This acknowledgement link has expired. Acknowledge the alert with outpost-hq-cli ack "
                                + l.alert() + " or in HQ's console.")
                        : AckPage.message("Link not valid", "This is not an acknowledgement link HQ made."));
                return;
            }
            if (method.equals("POST")) {
                acknowledge(l, response);
            } else {
                confirm(l, response);
            }
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed: {}", method, request.getRequestURI(), e.toString());
            page(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, AckPage.message("Not now", "HQ cannot answer this now. Try again later."));
        }
    }

    private void confirm(Link l, HttpServletResponse response) throws IOException {
        Optional<AlertRecord> alert = alerts.alert(l.alert());
        if (alert.isEmpty()) {
            page(response, HttpServletResponse.SC_NOT_FOUND, AckPage.message("No such alert", "HQ has no alert " + l.alert() + " (any more)."));
        } else {
            page(response, HttpServletResponse.SC_OK, AckPage.confirm(alert.get(), l.alert(), l.expires(), l.sig()));
        }
    }

    private void acknowledge(Link l, HttpServletResponse response) throws IOException {
        Acknowledgement result = alerts.acknowledgeByLink(l.alert(), l.expires(), l.sig());
        Optional<AlertRecord> alert = alerts.alert(l.alert());
        switch (result) {
            case ACKNOWLEDGED -> page(response, HttpServletResponse.SC_OK, AckPage.outcome(alert, "Acknowledged",
                    "Alert " + l.alert() + " is acknowledged: nobody else will be called about it."));
            case ALREADY_ACKNOWLEDGED -> page(response, HttpServletResponse.SC_CONFLICT, AckPage.outcome(alert, "Already acknowledged",
                    "Alert " + l.alert() + " was acknowledged before" + alert.flatMap(AlertRecord::acknowledgedBy).map(b -> " by " + b).orElse("") + "."));
            case ALREADY_RESOLVED -> page(response, HttpServletResponse.SC_CONFLICT, AckPage.outcome(alert, "Already resolved",
                    "Alert " + l.alert() + " had resolved; there is nothing to acknowledge."));
            case UNKNOWN_ALERT -> page(response, HttpServletResponse.SC_NOT_FOUND, AckPage.message("No such alert",
                    "HQ has no alert " + l.alert() + " (any more)."));
        }
    }

    private static Optional<Link> link(HttpServletRequest request) {
        try {
            String alert = request.getParameter("alert");
            String exp = request.getParameter("exp");
            String sig = request.getParameter("sig");
            if (alert == null || exp == null || sig == null || sig.length() > 100) {
                return Optional.empty();
            }
            return Optional.of(new Link(Long.parseLong(alert), Long.parseLong(exp), sig));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void page(HttpServletResponse response, int status, String html) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
        response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
    }
}
