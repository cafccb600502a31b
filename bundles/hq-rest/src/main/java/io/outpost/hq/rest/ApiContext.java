package io.outpost.hq.rest;

import java.io.IOException;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

import io.outpost.api.hq.token.ApiToken;
import io.outpost.api.hq.token.ApiTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The servlet context of HQ's API. Every request to a servlet in it must carry {@code Authorization: Bearer <token>}
 * with an active token; otherwise it is answered 401 and the servlet never sees it. The token's name becomes the
 * request's remote user.
 */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = ApiContext.NAME, path = "/")
public final class ApiContext extends ServletContextHelper {

    /** The context name servlets select with {@code (osgi.http.whiteboard.context.name=outpost-hq-api)}. */
    public static final String NAME = "outpost-hq-api";

    private final ApiTokens tokens;
    private final JsonReplies replies = new JsonReplies();

    @Activate
    public ApiContext(@Reference ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> secret = BearerToken.of(request.getHeader("Authorization"));
        Optional<ApiToken> token;
        try {
            token = secret.flatMap(tokens::authenticate);
        } catch (RuntimeException e) {
            replies.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "unavailable", null,
                    "the token store cannot be read now: " + e.getMessage());
            return false;
        }
        if (token.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"outpost-hq\"");
            replies.error(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", null, secret.isEmpty()
                    ? "send an API token as 'Authorization: Bearer <token>' (create one with hq:token create <name>)"
                    : "the API token is unknown or revoked");
            return false;
        }
        request.setAttribute(REMOTE_USER, token.get().name());
        request.setAttribute(AUTHENTICATION_TYPE, "Bearer");
        return true;
    }
}
