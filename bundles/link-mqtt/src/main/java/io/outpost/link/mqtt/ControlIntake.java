package io.outpost.link.mqtt;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.profile.CloudProfile;
import io.outpost.api.profile.ControlDecoding;
import io.outpost.api.profile.GatewayIdentity;
import io.outpost.api.profile.ControlMessage;

/**
 * Takes messages from the control filter off Paho's callback thread: a bounded pool with a bounded queue decodes
 * them with the profile and hands them to the request dispatcher. A full queue <b>drops</b> the message and counts
 * it (decoding it on the callback thread to answer 503 would let a flood slow the link); so do an undecodable
 * payload and a message arriving while no dispatcher is installed. Nothing here logs per message: the counts are
 * logged at most once a minute, when one of them grew.
 */
final class ControlIntake {

    private static final Logger LOG = LoggerFactory.getLogger(ControlIntake.class);

    private final CloudProfile profile;
    private final GatewayIdentity identity;
    /** Hands a message to the request dispatcher; false when there is none. */
    private final Predicate<ControlMessage> dispatcher;
    private final ThreadPoolExecutor pool;
    private final LongAdder droppedFull = new LongAdder();
    private final LongAdder undecodable = new LongAdder();
    private final LongAdder noDispatcher = new LongAdder();
    private final LongAdder handedOver = new LongAdder();
    private final java.util.concurrent.atomic.AtomicLong lastReportNanos = new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - REPORT_NANOS);
    private static final long REPORT_NANOS = TimeUnit.MINUTES.toNanos(1);

    ControlIntake(CloudProfile profile, GatewayIdentity identity, Predicate<ControlMessage> dispatcher, int workers, int queueCapacity) {
        this.profile = profile;
        this.identity = identity;
        this.dispatcher = dispatcher;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity), r -> {
            Thread t = new Thread(r, "outpost-mqtt-requests-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    /** Called on Paho's callback thread: queues the message or drops it, never blocks. */
    void arrived(String topic, byte[] payload) {
        try {
            pool.execute(() -> handle(topic, payload));
        } catch (RejectedExecutionException e) {
            droppedFull.increment();
            reportNowAndThen();
        }
    }

    private void handle(String topic, byte[] payload) {
        try {
            ControlDecoding decoding = profile.decodeControl(identity, topic, payload);
            if (decoding.decoded().isEmpty()) {
                undecodable.increment();
                reportNowAndThen();
                return;
            }
            if (dispatcher.test(decoding.message())) {
                handedOver.increment();
            } else {
                noDispatcher.increment();   // the gateway's own birth comes back here too: not worth a warning
            }
        } catch (RuntimeException | LinkageError e) {
            undecodable.increment();
            LOG.debug("control message on {} failed", topic, e);
        }
    }

    /** Logs the counts, at most once a minute. */
    private void reportNowAndThen() {
        long now = System.nanoTime();
        long last = lastReportNanos.get();
        if (now - last >= REPORT_NANOS && lastReportNanos.compareAndSet(last, now)) {
            Counts c = counts();
            LOG.warn("control messages not dispatched so far: {} dropped (request queue full), {} undecodable, {} without a dispatcher; {} dispatched",
                c.droppedQueueFull(), c.undecodable(), c.noDispatcher(), c.handedOver());
        }
    }

    /** What became of the messages that arrived, for operators and tests. */
    record Counts(long handedOver, long droppedQueueFull, long undecodable, long noDispatcher) {
    }

    Counts counts() {
        return new Counts(handedOver.sum(), droppedFull.sum(), undecodable.sum(), noDispatcher.sum());
    }

    /** Stops taking messages; lets the running ones finish (no interrupt: a handler may be writing a file). */
    void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
