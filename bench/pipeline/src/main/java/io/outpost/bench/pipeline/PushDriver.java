package io.outpost.bench.pipeline;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import io.outpost.api.data.Value;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelListener;
import io.outpost.api.driver.ChannelRecord;
import io.outpost.api.driver.DeviceConfiguration;
import io.outpost.api.driver.DeviceConnection;
import io.outpost.api.driver.Driver;

/**
 * A driver whose device pushes a new value on its one thread as fast as the sampler and everything behind it
 * take it (or at a fixed rate): the fastest device there can be, with no I/O of its own. Each value differs from the last, so no
 * rule could suppress it.
 */
final class PushDriver implements Driver {

    static final String ID = "bench-push";

    final LongAdder pushed = new LongAdder();
    private final long maxPerSecond;

    /** @param maxPerSecond 0: as fast as it can; otherwise at most this many values a second */
    PushDriver(long maxPerSecond) {
        this.maxPerSecond = maxPerSecond;
    }

    @Override
    public DeviceConnection connect(DeviceConfiguration device) {
        return new DeviceConnection() {
            @Override
            public List<ChannelRecord> read(List<ChannelDescriptor> channels) {
                long now = System.currentTimeMillis();
                return channels.stream().map(c -> ChannelRecord.ok(c.name(), Value.of(0.0), now)).toList();
            }

            @Override
            public List<ChannelRecord> write(List<WriteRequest> requests) {
                long now = System.currentTimeMillis();
                return requests.stream().map(r -> ChannelRecord.failed(r.channel().name(), "read-only", now)).toList();
            }

            @Override
            public AutoCloseable listen(ChannelDescriptor channel, ChannelListener listener) {
                java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
                // stopped by a flag, not an interrupt: the thread may be inside the outbox's file I/O
                Thread pusher = new Thread(() -> {
                    long start = System.nanoTime();
                    for (long i = 0; !stop.get(); i++) {
                        if (maxPerSecond > 0) {
                            while (!stop.get() && (System.nanoTime() - start) * maxPerSecond / 1_000_000_000L < i) {
                                Thread.onSpinWait();
                            }
                        }
                        listener.onChange(ChannelRecord.ok(channel.name(), Value.of(20.0 + (i % 1000) / 100.0 + i * 1e-9),
                            System.currentTimeMillis()));
                        pushed.increment();
                    }
                }, "bench-device-" + device.name());
                pusher.start();
                return () -> {
                    stop.set(true);
                    pusher.join(10_000);
                };
            }

            @Override
            public void close() {
            }
        };
    }
}
