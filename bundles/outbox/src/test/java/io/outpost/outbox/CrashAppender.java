package io.outpost.outbox;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.outpost.api.data.Value;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;

/**
 * Run in its own JVM by {@link OutboxCrashTest}: appends as fast as it can through the real store and prints
 * "id seq;" for every message once its commit is on disk (the durable acknowledgement), until it is killed. The
 * store's epoch comes first ("epoch n"), then "ready".
 */
public final class CrashAppender {

    private CrashAppender() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long firstSeq = Long.parseLong(args[1]);
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false);
        OutboxStore store = OutboxStore.open(new StoreSettings(dir, 1L << 40, Long.MAX_VALUE, Duration.ofMillis(20), 256 * 1024),
            Clock.systemUTC());
        out.println("epoch " + store.epoch());
        out.println("ready");
        out.flush();
        for (long seq = firstSeq; ; seq++) {
            MessageClass c = MessageClass.values()[(int) (seq % MessageClass.values().length)];
            UpstreamMessage m = new UpstreamMessage(c, "crash/test", seq, Map.of("seq", Value.of(seq), "pad", Value.of("x".repeat((int) (seq % 50)))));
            OutboxStore.Appended a = store.append(m);
            long id = a.id();
            long s = seq;
            a.durable().thenAccept(ack -> {
                if (ack.isDurable()) {
                    synchronized (out) {
                        out.println(id + " " + s + ";");
                    }
                }
            });
            if (seq % 1000 == 0) {
                synchronized (out) {
                    out.flush();
                }
            }
        }
    }
}
