package io.outpost.request.outpost;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

import io.outpost.api.request.Request;
import io.outpost.api.request.RequestHandler;
import io.outpost.api.request.Response;
import io.outpost.api.request.Verb;
import io.outpost.api.sms.TextMessages;

/**
 * {@code OUTPOST-SMS-V1}: {@code EXEC send} with body {@code {"to": "+491701234567", "text": "..."}} sends one text
 * through the gateway's modem ({@link TextMessages}, the cellular link) and answers once the modem accepted it,
 * with the network's message reference. Only numbers in {@code allowedNumbers} (default: none, 403), at most
 * {@code maxPerHour} texts an hour and one at a time (503 beyond either), no modem 503.
 */
@Component(service = RequestHandler.class, configurationPid = "io.outpost.request.sms", configurationPolicy = ConfigurationPolicy.OPTIONAL,
    property = RequestHandler.APP_ID + "=" + SmsHandler.APP_ID)
@Designate(ocd = SmsHandlerConfig.class)
public final class SmsHandler implements RequestHandler {

    static final String APP_ID = "OUTPOST-SMS-V1";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile TextMessages modem;

    private final Set<String> allowed;
    private final HourlyAllowance allowance;
    private final int maxPerHour;
    private final long timeoutSeconds;
    private final Semaphore oneAtATime = new Semaphore(1);

    @Activate
    public SmsHandler(SmsHandlerConfig config) {
        this(config.allowedNumbers() == null ? Set.of() : Set.of(config.allowedNumbers()), config.maxPerHour(), config.timeoutSeconds(),
            Clock.systemUTC(), null);
    }

    SmsHandler(Set<String> allowed, int maxPerHour, long timeoutSeconds, Clock clock, TextMessages modem) {
        this.allowed = allowed;
        this.maxPerHour = Math.max(1, maxPerHour);
        this.allowance = new HourlyAllowance(this.maxPerHour, clock);
        this.timeoutSeconds = Math.max(1, timeoutSeconds);
        this.modem = modem;
    }

    @Override
    public Response handle(Request request) {
        if (!Resources.is(request, Verb.EXEC, "send")) {
            return Resources.unknown(request, "EXEC send");
        }
        String to;
        String text;
        try {
            Map<?, ?> body = Resources.jsonObject(request.body(), "{\"to\": \"+491701234567\", \"text\": \"...\"}");
            to = field(body, "to");
            text = field(body, "text");
        } catch (IllegalArgumentException e) {
            return Response.badRequest(e.getMessage());
        }
        if (!TextMessages.isNumber(to)) {
            return Response.badRequest("'to': expected a phone number (an optional + and 3 to 20 digits)");
        }
        if (!TextMessages.isText(text)) {
            return Response.badRequest("'text': expected 1 to " + TextMessages.MAX_CHARS + " printable ASCII characters without '\"'");
        }
        if (!allowed.contains(to)) {
            return Response.error(Response.FORBIDDEN, "'to': " + to + " is not in allowedNumbers (io.outpost.request.sms)");
        }
        TextMessages m = modem;
        if (m == null) {
            return Response.error(Response.UNAVAILABLE, "no modem on this gateway sends text messages (is the cellular link configured?)");
        }
        if (!oneAtATime.tryAcquire()) {
            return Response.error(Response.UNAVAILABLE, "another text is being sent; try again");
        }
        try {
            return send(m, to, text);
        } finally {
            oneAtATime.release();
        }
    }

    private Response send(TextMessages m, String to, String text) {
        long grant = allowance.take();
        if (grant < 0) {
            return Response.error(Response.UNAVAILABLE, maxPerHour + " texts were sent in the last hour (maxPerHour)");
        }
        try {
            String reference = m.send(to, text).toCompletableFuture().get(timeoutSeconds, TimeUnit.SECONDS);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("to", to);
            body.put("reference", reference);
            return Resources.json(body);
        } catch (TimeoutException e) {
            return Response.error(Response.UNAVAILABLE, "the modem did not accept the text within " + timeoutSeconds + " s (it may still go out)");
        } catch (ExecutionException e) {
            allowance.giveBack(grant);
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException bad) {
                return Response.badRequest(bad.getMessage());
            }
            return Response.error(cause instanceof IOException ? Response.UNAVAILABLE : Response.INTERNAL_ERROR, String.valueOf(cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            allowance.giveBack(grant);
            return Response.error(Response.UNAVAILABLE, "interrupted while the modem sent the text");
        }
    }

    private static String field(Map<?, ?> body, String name) {
        Object v = body.get(name);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("'" + name + "' must be a string" + (v == null ? ", and is missing" : ", got " + v));
        }
        return s;
    }
}
