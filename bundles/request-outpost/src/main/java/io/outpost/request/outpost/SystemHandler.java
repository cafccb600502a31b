package io.outpost.request.outpost;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.outpost.api.request.Request;
import io.outpost.api.request.RequestHandler;
import io.outpost.api.request.Response;
import io.outpost.api.request.Verb;

/**
 * {@code OUTPOST-SYSTEM-V1}: {@code GET system} (uptime, memory, processors, load, disk, JVM, OS, a pending
 * restart) and {@code EXEC restart} with an optional body {@code {"delaySeconds": 1-3600}} (default 5): the reply
 * says when, and the framework restarts after the delay so the reply leaves first (see {@link DelayedRestart}).
 */
@Component(service = RequestHandler.class, property = RequestHandler.APP_ID + "=" + SystemHandler.APP_ID)
public final class SystemHandler implements RequestHandler {

    static final String APP_ID = "OUTPOST-SYSTEM-V1";
    static final long DEFAULT_DELAY_SECONDS = 5;

    private final SystemView system;
    private final DelayedRestart restart;

    @Activate
    public SystemHandler(BundleContext context, @Reference DelayedRestart restart) {
        this(new SystemView(SystemView.home(context.getProperty("outpost.home"))), restart);
    }

    SystemHandler(SystemView system, DelayedRestart restart) {
        this.system = system;
        this.restart = restart;
    }

    @Override
    public Response handle(Request request) {
        if (Resources.is(request, Verb.GET, "system")) {
            return Resources.json(system.now(restart.pending()));
        }
        if (Resources.is(request, Verb.EXEC, "restart")) {
            try {
                Instant at = restart.schedule(Duration.ofSeconds(delaySeconds(request.body())));
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("restartAt", at.toString());
                return Resources.json(body);
            } catch (IllegalArgumentException e) {
                return Response.badRequest(e.getMessage());
            }
        }
        return Resources.unknown(request, "GET system, EXEC restart");
    }

    /** The body's {@code delaySeconds}, the default when the body is empty. */
    static long delaySeconds(byte[] body) {
        Object delay = Resources.jsonObject(body, "{\"delaySeconds\": 1-3600}").get("delaySeconds");
        if (delay == null) {
            return DEFAULT_DELAY_SECONDS;
        }
        if (!(delay instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("'delaySeconds' must be a whole number of seconds, got " + delay);
        }
        return n.longValue();
    }
}
