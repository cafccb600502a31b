package io.outpost.webconsole.security;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Runs before every request of the HTTP service, before any servlet context or login: sets the security headers
 * (no framing, no content-type sniffing, same-origin referrers, HSTS on HTTPS) and refuses cross-site
 * state-changing requests ({@link CrossSiteCheck}) with 403.
 */
@Component(service = Preprocessor.class)
public final class RequestGuard implements Preprocessor {

    private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);

    @Override
    public void init(FilterConfig filterConfig) {
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (req instanceof HttpServletRequest request && res instanceof HttpServletResponse response) {
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Referrer-Policy", "same-origin");
            if (request.isSecure()) {
                response.setHeader("Strict-Transport-Security", "max-age=31536000");
            }
            String refusal = CrossSiteCheck.refusal(request.getMethod(), request.getScheme(), request.getHeader("Host"),
                request.getHeader("Origin"), request.getHeader("Referer"), request.getHeader("Sec-Fetch-Site"));
            if (refusal != null) {
                LOG.warn("web console: {} {} from {}: {}", request.getMethod(), request.getRequestURI(), request.getRemoteAddr(), refusal);
                response.sendError(HttpServletResponse.SC_FORBIDDEN, refusal);
                return;
            }
        }
        chain.doFilter(req, res);
    }

    @Override
    public void destroy() {
    }
}
