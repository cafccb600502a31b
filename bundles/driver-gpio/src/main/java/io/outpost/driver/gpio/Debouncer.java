package io.outpost.driver.gpio;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns a bouncing input into clean changes: after an edge it waits {@code millis}, then reports the level the
 * pin settled on, and only if it differs from the last level reported. With 0 ms every edge is reported at once.
 */
final class Debouncer {

    private final long millis;
    private final ScheduledExecutorService timer;
    private final Consumer<Boolean> sink;
    private boolean latest;
    private boolean reported;
    private ScheduledFuture<?> pending;

    Debouncer(long millis, ScheduledExecutorService timer, boolean initialLevel, Consumer<Boolean> sink) {
        this.millis = millis;
        this.timer = timer;
        this.sink = sink;
        this.latest = initialLevel;
        this.reported = initialLevel;
    }

    void offer(boolean level) {
        if (millis <= 0) {
            synchronized (this) {
                latest = level;
                reported = level;
            }
            sink.accept(level);
            return;
        }
        synchronized (this) {
            latest = level;
            if (pending == null) {
                pending = timer.schedule(this::settle, millis, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void settle() {
        boolean level;
        synchronized (this) {
            pending = null;
            if (latest == reported) {
                return;
            }
            reported = latest;
            level = latest;
        }
        sink.accept(level);
    }

    synchronized void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
