package io.outpost.request.conf;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.outpost.api.request.Request;
import io.outpost.api.request.RequestHandler;
import io.outpost.api.request.Response;
import io.outpost.api.request.Verb;

/**
 * {@code CONF-V1}, Kura's remote configuration, over {@link ConfigurationControl}:
 * {@code GET configurations[/pid]}, {@code PUT configurations[/pid]} (body Kura's XML {@code esf:configurations},
 * or JSON), {@code GET snapshots[/id]}, {@code EXEC snapshot}, {@code EXEC rollback[/id]}. Replies are Kura's XML.
 * Unlike Kura, PUT and rollback reply after the work is done, with its outcome.
 */
@Component(service = RequestHandler.class, property = RequestHandler.APP_ID + "=" + ConfHandler.APP_ID)
public final class ConfHandler implements RequestHandler {

    static final String APP_ID = "CONF-V1";

    private final ConfigurationControl control;

    @Activate
    public ConfHandler(@Reference ConfigurationControl control) {
        this.control = control;
    }

    @Override
    public Response handle(Request request) {
        List<String> r = request.resources();
        if (r.isEmpty()) {
            return Response.badRequest("CONF-V1 needs a resource: configurations, snapshots, snapshot or rollback");
        }
        try {
            return switch (request.verb()) {
                case GET -> get(r);
                case PUT -> put(r, request.body());
                case EXEC -> exec(r);
                default -> Response.notFound("CONF-V1 has no " + request.verb() + " " + request.resourcePath());
            };
        } catch (ConfigurationRefused e) {
            return e.notFound() ? Response.notFound(e.getMessage()) : Response.badRequest(e.getMessage());
        } catch (IOException e) {
            return Response.error(Response.INTERNAL_ERROR, e.getMessage());
        }
    }

    private Response get(List<String> r) throws ConfigurationRefused, IOException {
        if (r.size() > 2) {
            throw new ConfigurationRefused("GET " + String.join("/", r) + ": at most two resource levels");
        }
        switch (r.get(0)) {
            case "configurations" -> {
                List<ComponentConfiguration> shown = r.size() == 1 ? control.configurations()
                    : control.configuration(r.get(1)).map(List::of).orElse(List.of());   // unknown pid: an empty list, as Kura
                return xml(ConfigurationsXml.write(shown, true));
            }
            case "snapshots" -> {
                return r.size() == 1 ? xml(ConfigurationsXml.writeSnapshotIds(control.snapshotIds()))
                    : xml(ConfigurationsXml.write(control.snapshot(snapshotId(r.get(1))), false));
            }
            default -> {
                return Response.notFound("CONF-V1 has no GET " + String.join("/", r));
            }
        }
    }

    private Response put(List<String> r, byte[] body) throws ConfigurationRefused, IOException {
        if (!r.get(0).equals("configurations")) {
            return Response.notFound("CONF-V1 has no PUT " + String.join("/", r));
        }
        if (r.size() > 2) {
            throw new ConfigurationRefused("PUT " + String.join("/", r) + ": at most two resource levels");
        }
        List<ConfigurationUpdate> updates = parse(body);
        if (r.size() == 2) {
            String pid = r.get(1);
            updates = updates.stream().filter(u -> u.pid().equals(pid)).toList();
            if (updates.isEmpty()) {
                throw new ConfigurationRefused("PUT configurations/" + pid + ": the body has no configuration with pid '" + pid + "'");
            }
        }
        control.update(updates);
        return Response.ok();
    }

    private Response exec(List<String> r) throws ConfigurationRefused, IOException {
        String what = r.get(0);
        if (what.equals("snapshot") && r.size() == 1) {
            return xml(ConfigurationsXml.writeSnapshotIds(List.of(control.takeSnapshot())));
        }
        if (what.equals("rollback") && r.size() <= 2) {
            long to = control.rollback(r.size() == 1 ? OptionalLong.empty() : OptionalLong.of(snapshotId(r.get(1))));
            return xml(ConfigurationsXml.writeSnapshotIds(List.of(to)));
        }
        return Response.notFound("CONF-V1 has no EXEC " + String.join("/", r));
    }

    /** Kura's XML when the body starts with {@code <}, JSON when it starts with <code>{</code>. */
    static List<ConfigurationUpdate> parse(byte[] body) throws ConfigurationRefused {
        int i = 0;
        while (i < body.length && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
            i++;
        }
        if (i == body.length) {
            throw new ConfigurationRefused("body: an esf:configurations document (or JSON) is required");
        }
        if (body[i] == '<') {
            return ConfigurationsXml.read(body);
        }
        if (body[i] == '{') {
            return ConfigurationsJson.read(body);
        }
        throw new ConfigurationRefused("body is neither XML (esf:configurations) nor JSON");
    }

    private static long snapshotId(String text) throws ConfigurationRefused {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ConfigurationRefused("snapshot id '" + PropertyType.shorten(text) + "' is not a number");
        }
    }

    private static Response xml(byte[] body) {
        return new Response(Response.OK, "", Map.of(), body);
    }
}
