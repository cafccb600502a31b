package io.outpost.request.outpost;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.outpost.api.link.Link;
import io.outpost.api.request.Request;
import io.outpost.api.request.RequestHandler;
import io.outpost.api.request.Response;
import io.outpost.api.request.Verb;
import io.outpost.api.router.LinkOverview;
import io.outpost.api.router.LinkUsage;

/**
 * {@code OUTPOST-LINKS-V1}: {@code GET links} and {@code GET links/<name>}: each link's state, unconfirmed
 * deliveries, reconnects, window and largest message, and its kind, cost, budget, classes and priority when it
 * publishes a link descriptor; with the router, each link's {@code usage} this billing month (bytes, messages,
 * cost, budget left, failures, by class) and whether the router sends on it now.
 */
@Component(service = RequestHandler.class, property = RequestHandler.APP_ID + "=" + LinksHandler.APP_ID)
public final class LinksHandler implements RequestHandler {

    static final String APP_ID = "OUTPOST-LINKS-V1";

    private final LinkDirectory links = new LinkDirectory();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile LinkOverview router;

    public LinksHandler() {
    }

    LinksHandler(LinkOverview router) {
        this.router = router;
    }

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
            return Resources.json(Map.of("links", withUsage(links.views())));
        }
        if (request.verb() == Verb.GET && resources.size() == 2 && resources.get(0).equals("links")) {
            Optional<Map<String, Object>> one = withUsage(links.views()).stream()
                .filter(m -> resources.get(1).equals(m.get("name"))).findFirst();
            return one.map(Resources::json).orElseGet(() -> Response.notFound("no link '" + resources.get(1) + "'"));
        }
        return Resources.unknown(request, "GET links, GET links/<name>");
    }

    /** The views with each link's usage from the router added, when there is a router. */
    private List<Map<String, Object>> withUsage(List<Map<String, Object>> views) {
        LinkOverview overview = router;
        if (overview == null) {
            return views;
        }
        Map<String, LinkUsage> usage = new HashMap<>();
        overview.links().forEach(u -> usage.put(u.link(), u));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> view : views) {
            LinkUsage u = usage.get(String.valueOf(view.get("name")));
            if (u == null) {
                out.add(view);
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>(view);
            Map<String, Object> month = new LinkedHashMap<>();
            month.put("periodStart", u.periodStart().toString());
            month.put("bytes", u.bytes());
            month.put("messages", u.messages());
            month.put("cost", u.cost());
            month.put("budgetLeft", u.budgetLeft());
            month.put("failures", u.failures());
            Map<String, Object> byClass = new LinkedHashMap<>();
            u.byClass().forEach((c, n) -> byClass.put(c.name(), n));
            month.put("byClass", byClass);
            m.put("usage", month);
            m.put("healthy", u.healthy());
            if (u.signal() >= 0) {
                m.put("signal", u.signal());
            }
            out.add(m);
        }
        return out;
    }
}
