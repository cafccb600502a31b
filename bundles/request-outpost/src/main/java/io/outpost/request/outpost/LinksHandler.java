package io.outpost.request.outpost;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.outpost.api.link.Link;
import io.outpost.api.request.Request;
import io.outpost.api.request.RequestHandler;
import io.outpost.api.request.Response;
import io.outpost.api.request.Verb;

/**
 * {@code OUTPOST-LINKS-V1}: {@code GET links} and {@code GET links/<name>}: each link's state, unconfirmed
 * deliveries, reconnects, window and largest message, and its kind, cost, budget, classes and priority when it
 * publishes a link descriptor. Usage (bytes and money spent this month) is not here yet: it belongs to the router.
 */
@Component(service = RequestHandler.class, property = RequestHandler.APP_ID + "=" + LinksHandler.APP_ID)
public final class LinksHandler implements RequestHandler {

    static final String APP_ID = "OUTPOST-LINKS-V1";

    private final LinkDirectory links = new LinkDirectory();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeLink")
    void addLink(Link link, Map<String, Object> properties) {
        links.add(link, properties);
    }

    void removeLink(Link link) {
        links.remove(link);
    }

    @Override
    public Response handle(Request request) {
        List<String> resources = request.resources();
        if (request.verb() == Verb.GET && resources.size() == 1 && resources.get(0).equals("links")) {
            return Resources.json(Map.of("links", links.views()));
        }
        if (request.verb() == Verb.GET && resources.size() == 2 && resources.get(0).equals("links")) {
            Optional<Map<String, Object>> one = links.view(resources.get(1));
            return one.map(Resources::json).orElseGet(() -> Response.notFound("no link '" + resources.get(1) + "'"));
        }
        return Resources.unknown(request, "GET links, GET links/<name>");
    }
}
