package io.outpost.hq.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Between the MQTT clients' threads and the database: a bounded queue of prepared messages and one writer thread
 * that takes whatever has arrived (up to {@code batchSize}), has it stored in one go, and only then acknowledges
 * each message to the broker, in arrival order. There is no timer: while one batch is written the next one
 * gathers, so batches grow with the load and a lone message is written at once. A full queue blocks the MQTT
 * client's thread, and with it the broker's sending (its in-flight window fills): back-pressure, nothing dropped.
 */
final class IngestQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestQueue.class);

    /** A prepared message and how to acknowledge it once it is stored. */
    private record Item(PreparedMessage message, Runnable ack) {
    }

    private final BlockingQueue<Item> queue;
    private final int batchSize;
    private final Function<List<PreparedMessage>, ?> store;
    private final Thread writer;
    private volatile boolean stopping;

    IngestQueue(int batchSize, Function<List<PreparedMessage>, ?> store) {
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(Math.max(4 * batchSize, 64));
        this.store = store;
        this.writer = new Thread(this::run, "outpost-hq-ingest-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues one message; blocks while the queue is full. */
    void submit(PreparedMessage message, Runnable ack) throws InterruptedException {
        queue.put(new Item(message, ack));
    }

    private void run() {
        List<Item> batch = new ArrayList<>(batchSize);
        List<PreparedMessage> messages = new ArrayList<>(batchSize);
        while (true) {
            try {
                Item first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stopping) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                for (Item i : batch) {
                    messages.add(i.message());
                }
                store.apply(messages);
                for (Item i : batch) {
                    try {
                        i.ack().run();
                    } catch (RuntimeException e) {
                        LOG.debug("acknowledging a message failed (the broker sends it again): {}", e.toString());
                    }
                }
            } catch (InterruptedException e) {
                // stop() does not interrupt; keep draining
            } catch (RuntimeException e) {
                LOG.warn("HQ ingest's writer: {} (the batch is not acknowledged; the broker sends it again)", e.toString());
            } finally {
                batch.clear();
                messages.clear();
            }
        }
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() {
        stopping = true;
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
