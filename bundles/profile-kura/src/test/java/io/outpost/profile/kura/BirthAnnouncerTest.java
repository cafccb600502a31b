package io.outpost.profile.kura;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BirthAnnouncerTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicReference<InstalledApps> installed = new AtomicReference<>(apps("sampler"));

    private static InstalledApps apps(String... ids) {
        return new InstalledApps(List.of(ids), List.of(ids));
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aBurstOfChangesAnnouncesOnceAfterTheQuietPeriod() throws Exception {
        BirthAnnouncer announcer = new BirthAnnouncer(installed::get, 200, timer);
        AtomicInteger calls = new AtomicInteger();
        announcer.subscribe(calls::incrementAndGet);
        installed.set(apps("sampler", "driver.modbus"));
        for (int i = 0; i < 5; i++) {
            announcer.changed();
            Thread.sleep(50);
        }
        assertEquals(0, calls.get(), "still inside the quiet period");
        Thread.sleep(500);
        assertEquals(1, calls.get());
    }

    @Test
    void bundleEventsThatChangeNothingWeReportAnnounceNothing() throws Exception {
        BirthAnnouncer announcer = new BirthAnnouncer(installed::get, 50, timer);
        AtomicInteger calls = new AtomicInteger();
        announcer.subscribe(calls::incrementAndGet);
        announcer.changed();
        Thread.sleep(300);
        assertEquals(0, calls.get());
    }

    @Test
    void aClosedSubscriptionHearsNothing() throws Exception {
        BirthAnnouncer announcer = new BirthAnnouncer(installed::get, 50, timer);
        AtomicInteger calls = new AtomicInteger();
        AutoCloseable handle = announcer.subscribe(calls::incrementAndGet);
        handle.close();
        installed.set(apps());
        announcer.changed();
        Thread.sleep(300);
        assertEquals(0, calls.get());
    }
}
