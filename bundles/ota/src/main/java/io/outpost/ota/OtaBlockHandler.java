package io.outpost.ota;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.outpost.api.data.Value;
import io.outpost.api.request.Request;
import io.outpost.api.request.RequestHandler;
import io.outpost.api.request.Response;

/**
 * {@code OTA-BLOCK-V1}: the blocks of a download over MQTT come in as {@code PUT <job.id>/<offset>} requests on the
 * gateway's control topic, with the bytes as the body and the package size in {@code dp.download.size} (or
 * {@code block.error} when the publisher cannot serve the package). So they pass the same size limits and allow-list
 * as every request. Replies: 200 appended (or the download fails on the publisher's error), 409 ignored (not the
 * next block of the job waiting), 400 refused (malformed, larger than the block size).
 */
@Component(service = RequestHandler.class, property = RequestHandler.APP_ID + "=" + BlockRequester.APP_ID)
public final class OtaBlockHandler implements RequestHandler {

    static final int CONFLICT = 409;

    private final OtaUpdates ota;

    @Activate
    public OtaBlockHandler(@Reference OtaUpdates ota) {
        this.ota = ota;
    }

    @Override
    public Response handle(Request request) {
        List<String> r = request.resources();
        if (request.verb() != io.outpost.api.request.Verb.PUT) {
            return Response.badRequest(BlockRequester.APP_ID + " takes only PUT <job.id>/<offset>");
        }
        if (r.size() != 2) {
            return Response.notFound(BlockRequester.APP_ID + " has no resource PUT " + request.resourcePath() + " (PUT <job.id>/<offset>)");
        }
        long jobId;
        long offset;
        try {
            jobId = Long.parseLong(r.get(0));
            offset = Long.parseLong(r.get(1));
        } catch (NumberFormatException e) {
            return Response.badRequest("topic levels <job.id>/<offset> must be numbers, are '" + cut(r.get(0)) + "/" + cut(r.get(1)) + "'");
        }
        if (offset < 0) {
            return Response.badRequest("offset " + offset + " is negative");
        }
        RequestMetrics metrics = new RequestMetrics(request.metrics());
        long total;
        String error;
        try {
            total = metrics.number("dp.download.size").orElse(-1L);
            error = metrics.string("block.error").orElse("");
        } catch (RequestMetrics.BadMetric e) {
            return Response.badRequest(e.getMessage());
        }
        MqttBlockSource.Answer answer = ota.blocks().accept(jobId, request.requester(), offset, total, request.body(), error);
        return switch (answer.verdict()) {
            case APPENDED -> Response.ok();
            case FAILS -> new Response(Response.OK, "", Map.of("block.outcome", Value.of(answer.reason())), null);
            case IGNORED -> Response.error(CONFLICT, answer.reason());
            case REFUSED -> Response.badRequest(answer.reason());
        };
    }

    private static String cut(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "_");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
