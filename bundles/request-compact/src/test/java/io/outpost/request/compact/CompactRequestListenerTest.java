package io.outpost.request.compact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.Value;
import io.outpost.api.profile.ControlMessage;
import io.outpost.api.request.RequestDispatcher;

class CompactRequestListenerTest {

    record Dispatched(ControlMessage message, String via) {
    }

    static CompactRequestConfig config(String requester, int queue) {
        return new CompactRequestConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return CompactRequestConfig.class;
            }

            @Override
            public String requester() {
                return requester;
            }

            @Override
            public int queue() {
                return queue;
            }
        };
    }

    @Test
    void theTextIsIdTopicAndBody() {
        CompactRequest r = CompactRequest.parse(" r7 INVENTORY-V1/EXEC/bundles/_stop {\"name\": \"io.outpost.filter\"} ").orElseThrow();
        assertEquals(new CompactRequest("r7", "INVENTORY-V1/EXEC/bundles/_stop", "{\"name\": \"io.outpost.filter\"}"), r);
        assertEquals(new CompactRequest("s1", "OUTPOST-SYSTEM-V1/GET/system", ""), CompactRequest.parse("s1 OUTPOST-SYSTEM-V1/GET/system").orElseThrow());
        for (String bad : new String[] {"", "   ", "GET", "GET system", "r1  ", " /x"}) {
            assertTrue(CompactRequest.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void aCommandIsDispatchedOffTheLinksThreadWithTheConfiguredRequesterAndTheLinkAsEntryPoint() throws Exception {
        List<Dispatched> seen = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        RequestDispatcher dispatcher = new RequestDispatcher() {
            @Override
            public void dispatch(ControlMessage message) {
                throw new AssertionError("the MQTT entry point was used");
            }

            @Override
            public void dispatch(ControlMessage message, String via) {
                seen.add(new Dispatched(message, via));
                threads.add(Thread.currentThread());
                done.countDown();
            }
        };
        CompactRequestListener listener = new CompactRequestListener(config("hq-1", 4), dispatcher);
        try {
            listener.command("cellular-sms", 12, "r7 ASSET-V1/EXEC/read [{\"name\":\"sim1\"}]");
            assertTrue(done.await(5, TimeUnit.SECONDS));
            Dispatched d = seen.get(0);
            assertEquals("cellular-sms", d.via());
            assertEquals("ASSET-V1/EXEC/read", d.message().topic());
            assertEquals(Value.of("r7"), d.message().metrics().get("request.id"));
            assertEquals(Value.of("hq-1"), d.message().metrics().get("requester.client.id"));
            assertEquals("[{\"name\":\"sim1\"}]", new String(d.message().body(), StandardCharsets.UTF_8));
            assertTrue(threads.get(0) != Thread.currentThread());
            listener.command("satellite", 13, "not a request");
            assertTrue(listener.compactRequests().contains("1 dispatched, 1 not a request, 0 dropped"), listener.compactRequests());
        } finally {
            listener.close();
        }
    }

    @Test
    void aFullQueueDropsAndCountsAndNeverBlocksTheLink() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RequestDispatcher stuck = message -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        CompactRequestListener listener = new CompactRequestListener(config("hq", 2), stuck);
        try {
            long started = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                listener.command("satellite", i, "r" + i + " X-V1/GET/x");
            }
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(2), "the link's thread waited");
            String report = listener.compactRequests();
            assertTrue(report.contains("7 dropped") && report.contains("2 waiting"), report);
        } finally {
            release.countDown();
            listener.close();
        }
    }

    @Test
    void aRequesterThatIsNotOneTopicLevelIsRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CompactRequestListener(config("hq/#", 4)));
        assertTrue(e.getMessage().contains("'requester'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CompactRequestListener(config("hq", 0)));
        assertTrue(e.getMessage().contains("'queue'"), e.getMessage());
    }
}
