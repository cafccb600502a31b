package io.outpost.request.dispatcher;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import io.outpost.api.data.Value;
import io.outpost.api.upstream.Acknowledgement;
import io.outpost.api.upstream.Upstream;
import io.outpost.api.upstream.UpstreamMessage;

/** An upstream that takes every message durably and keeps it for the test. */
final class RecordingUpstream implements Upstream {

    final List<UpstreamMessage> sent = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Acknowledgement> send(UpstreamMessage message) {
        sent.add(message);
        return CompletableFuture.completedFuture(Acknowledgement.durable());
    }

    static int code(UpstreamMessage reply) {
        return ((Value.Int32Value) reply.metrics().get(RequestRouter.RESPONSE_CODE)).value();
    }
}
