package io.outpost.filter;

import static io.outpost.filter.FilterHarness.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.upstream.MessageClass;

/** Devices are polled on threads of their own: their batches must not disturb each other, nor the rule updates. */
class ConcurrencyTest {

    @Test
    void parallelDevicesAndRuleUpdatesGiveTheSameAlarmsAsOneThread() throws Exception {
        int devices = 4;
        int rounds = 20_001; // ends on a 20, so the last excursion is cleared
        Map<String, AtomicInteger> raises = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> clears = new ConcurrentHashMap<>();
        ReadingFilter filter = new ReadingFilter(new MutableClock(0), DefaultAction.PASS_ALL, m -> {
            if (m.messageClass() == MessageClass.ALARM) {
                (m.metrics().get("state").toString().equals("raised") ? raises : clears)
                    .computeIfAbsent(m.topic(), t -> new AtomicInteger()).incrementAndGet();
            }
            return java.util.concurrent.CompletableFuture.completedFuture(io.outpost.api.upstream.Acknowledgement.durable());
        }, null);
        ThresholdRule rule = rule("t", "high", 25, "hysteresis", 1, "deadband", 0.5);
        filter.rules(List.of(rule));
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            String device = "d" + d;
            threads.add(new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < rounds; i++) {
                    // 20 -> 26 -> 20: one excursion every 3 readings
                    double v = i % 3 == 1 ? 26 : 20;
                    filter.accept(List.of(Reading.good(device, "t", Value.of(v), "", i), Reading.good(device, "x", Value.of(i), "", i)));
                }
            }));
        }
        Thread updater = new Thread(() -> {
            for (int i = 0; i < 2000; i++) {
                filter.rules(List.of(rule, rule("other" + (i % 3))));
            }
        });
        threads.forEach(Thread::start);
        updater.start();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        updater.join();
        int excursions = rounds / 3;
        for (int d = 0; d < devices; d++) {
            assertEquals(excursions, raises.get("alarms/d" + d).get(), "raises of d" + d);
            assertEquals(excursions, clears.get("alarms/d" + d).get(), "clears of d" + d);
        }
        assertEquals((long) devices * rounds * 2, filter.totals().readingsIn());
    }
}
