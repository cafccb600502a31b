package io.outpost.request.outpost;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.outpost.api.filter.FilterStatistics;
import io.outpost.api.request.Request;
import io.outpost.api.request.RequestHandler;
import io.outpost.api.request.Response;
import io.outpost.api.request.Verb;

/**
 * {@code OUTPOST-FILTER-V1}: {@code GET rules} (each rule configuration, in force or refused, and the keys it
 * ignored), {@code GET channels[/<device>]} (per-channel counters) and {@code GET totals}. Registered only while
 * the threshold filter runs: without it the app id answers 404.
 */
@Component(service = RequestHandler.class, property = RequestHandler.APP_ID + "=" + FilterHandler.APP_ID)
public final class FilterHandler implements RequestHandler {

    static final String APP_ID = "OUTPOST-FILTER-V1";

    private final FilterStatistics filter;

    @Activate
    public FilterHandler(@Reference FilterStatistics filter) {
        this.filter = filter;
    }

    @Override
    public Response handle(Request request) {
        if (Resources.is(request, Verb.GET, "rules")) {
            return Resources.json(Map.of("rules", filter.ruleStatus().stream().map(FilterView::rule).toList()));
        }
        if (Resources.is(request, Verb.GET, "totals")) {
            return Resources.json(FilterView.totals(filter.totals()));
        }
        List<String> resources = request.resources();
        if (request.verb() == Verb.GET && !resources.isEmpty() && resources.get(0).equals("channels") && resources.size() <= 2) {
            String device = resources.size() == 2 ? resources.get(1) : null;
            List<Object> channels = filter.channels().stream().filter(c -> device == null || c.device().equals(device))
                .map(c -> (Object) FilterView.channel(c)).toList();
            if (device != null && channels.isEmpty()) {
                return Response.notFound("the filter has seen no channel of device '" + device + "'");
            }
            return Resources.json(Map.of("channels", channels));
        }
        return Resources.unknown(request, "GET rules, GET channels[/<device>], GET totals");
    }
}
