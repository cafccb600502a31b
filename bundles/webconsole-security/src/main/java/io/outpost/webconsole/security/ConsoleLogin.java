package io.outpost.webconsole.security;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The Web Console's security provider {@code outpost} (the gateway's framework property
 * {@code felix.webconsole.security.providers=outpost} makes the console wait for it and turns off its built-in
 * admin/admin). Every console request, plugin pages and their live-data streams included, passes
 * {@link #authenticate}: a request of a logged-in session goes on; a login form post is checked (throttled per
 * client address); anything else gets 401, with the login form when a browser asked for a page.
 */
@Component(configurationPid = "io.outpost.webconsole.security", configurationPolicy = ConfigurationPolicy.OPTIONAL,
    property = {SecurityProvider.PROPERTY_ID + "=outpost", Constants.SERVICE_RANKING + ":Integer=1000"})
@Designate(ocd = ConsoleLoginConfig.class)
public final class ConsoleLogin implements SecurityProvider {

    static final String LOGIN_PATH = "/outpost-login";
    static final String SESSION_USER = "io.outpost.webconsole.user";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleLogin.class);

    private final OperatorAccount account;
    private final LoginThrottle throttle;
    private final int sessionTimeoutSeconds;

    @Activate
    public ConsoleLogin(ConsoleLoginConfig config, BundleContext context) throws IOException {
        String home = context.getProperty("outpost.home");
        Path base = Path.of(home == null || home.isBlank() ? "" : home.trim()).toAbsolutePath();
        this.account = OperatorAccount.load(config.user().trim(), config.passwordHash(), base.resolve(config.passwordFile().trim()),
            base.resolve(config.hashFile().trim()), new SecureRandom());
        this.throttle = new LoginThrottle(Math.max(1, config.maxFailures()), Duration.ofSeconds(Math.max(1, config.lockoutSeconds())),
            Clock.systemUTC());
        this.sessionTimeoutSeconds = Math.max(1, config.sessionTimeoutMinutes()) * 60;
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        try {
            HttpSession session = request.getSession(false);
            Object user = session == null ? null : session.getAttribute(SESSION_USER);
            String consoleRoot = request.getContextPath() + request.getServletPath();
            boolean loginPost = "POST".equals(request.getMethod()) && request.getRequestURI().equals(consoleRoot + LOGIN_PATH);
            if (user != null && !loginPost) {
                return user;
            }
            if (loginPost) {
                logIn(request, response, consoleRoot);
            } else if (acceptsHtml(request) && "GET".equals(request.getMethod())) {
                String next = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
                LoginPage.send(response, HttpServletResponse.SC_UNAUTHORIZED, consoleRoot + LOGIN_PATH, next, "");
            } else {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setContentType("text/plain;charset=UTF-8");
                response.getWriter().println("login required");
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("web console: login request from {} failed: {}", request.getRemoteAddr(), e.toString());
        }
        return null;
    }

    private void logIn(HttpServletRequest request, HttpServletResponse response, String consoleRoot) throws IOException {
        String address = request.getRemoteAddr();
        String next = safeNext(request.getParameter("next"), consoleRoot);
        Duration wait = throttle.waitFor(address);
        if (!wait.isZero()) {
            LOG.warn("web console: login from {} refused: locked out for {} s more after failed logins", address, wait.toSeconds() + 1);
            response.setHeader("Retry-After", Long.toString(wait.toSeconds() + 1));
            LoginPage.send(response, 429, consoleRoot + LOGIN_PATH, next,
                "Too many failed logins from " + address + ". Try again in " + (wait.toSeconds() + 1) + " s.");
            return;
        }
        String user = request.getParameter("j_username");
        String password = request.getParameter("j_password");
        if (user == null || password == null || !account.accepts(user.trim(), password)) {
            throttle.failed(address);
            LOG.warn("web console: failed login from {} (user '{}')", address, user == null ? "" : user.trim());
            LoginPage.send(response, HttpServletResponse.SC_UNAUTHORIZED, consoleRoot + LOGIN_PATH, next, "Wrong user or password.");
            return;
        }
        throttle.succeeded(address);
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate(); // a new session id at login: no session fixation
        }
        HttpSession session = request.getSession(true);
        session.setMaxInactiveInterval(sessionTimeoutSeconds);
        session.setAttribute(SESSION_USER, account.user());
        LOG.info("web console: user '{}' logged in from {}", account.user(), address);
        response.sendRedirect(next);
    }

    /** Only a path inside the console: the login never redirects elsewhere. */
    static String safeNext(String next, String consoleRoot) {
        if (next == null || !next.startsWith(consoleRoot + "/") || next.startsWith(consoleRoot + LOGIN_PATH) || next.contains("//")
            || next.contains("\\")) {
            return consoleRoot + "/";
        }
        return next;
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    @Override
    public boolean authorize(Object user, String role) {
        return true; // one operator account, allowed everything
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SESSION_USER);
        }
    }
}
