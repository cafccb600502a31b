package io.outpost.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.outpost.api.upstream.Acknowledgement;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.Upstream;
import io.outpost.api.upstream.UpstreamMessage;

/** An upstream whose acknowledgements the test completes by hand (durable later, refused, dropped, or never). */
final class ManualUpstream implements Upstream {

    record Sent(UpstreamMessage message, CompletableFuture<Acknowledgement> ack) {
    }

    final List<Sent> sent = new ArrayList<>();

    @Override
    public synchronized CompletionStage<Acknowledgement> send(UpstreamMessage message) {
        Sent s = new Sent(message, new CompletableFuture<>());
        sent.add(s);
        return s.ack();
    }

    /** The ALARM messages sent so far (each attempt), described as in {@link FilterHarness#describe}. */
    synchronized List<String> alarms() {
        return FilterHarness.describe(sent.stream().map(Sent::message).filter(m -> m.messageClass() == MessageClass.ALARM).toList());
    }

    /** The last ALARM message sent, to acknowledge. */
    synchronized CompletableFuture<Acknowledgement> lastAlarm() {
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i).message().messageClass() == MessageClass.ALARM) {
                return sent.get(i).ack();
            }
        }
        throw new AssertionError("no alarm sent");
    }

    synchronized void durable(CompletableFuture<Acknowledgement> ack) {
        ack.complete(Acknowledgement.durable());
    }

    /** Acknowledges every message sent so far that is not acknowledged yet as durable (like one commit). */
    void commitAll() {
        List<Sent> copy;
        synchronized (this) {
            copy = List.copyOf(sent);
        }
        copy.forEach(s -> s.ack().complete(Acknowledgement.durable()));
    }
}
