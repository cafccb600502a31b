package io.outpost.request.outpost;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.outpost.api.outbox.OutboxStatistics;
import io.outpost.api.request.Request;
import io.outpost.api.request.RequestHandler;
import io.outpost.api.request.Response;
import io.outpost.api.request.Verb;

/**
 * {@code OUTPOST-OUTBOX-V1}: {@code GET statistics}, one consistent snapshot of the outbox (depth and drops by
 * class, age, bytes, deliveries, what is degraded, and each link as the outbox sees it). The Gogo twin is the
 * outbox's own {@code outpost:outbox}, which prints the same snapshot.
 */
@Component(service = RequestHandler.class, property = RequestHandler.APP_ID + "=" + OutboxHandler.APP_ID)
public final class OutboxHandler implements RequestHandler {

    static final String APP_ID = "OUTPOST-OUTBOX-V1";

    private final OutboxStatistics outbox;

    @Activate
    public OutboxHandler(@Reference OutboxStatistics outbox) {
        this.outbox = outbox;
    }

    @Override
    public Response handle(Request request) {
        if (Resources.is(request, Verb.GET, "statistics")) {
            return Resources.json(OutboxView.of(outbox.snapshot()));
        }
        return Resources.unknown(request, "GET statistics");
    }
}
