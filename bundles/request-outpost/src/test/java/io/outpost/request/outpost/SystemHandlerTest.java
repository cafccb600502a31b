package io.outpost.request.outpost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.outpost.api.request.Response;
import io.outpost.api.request.Verb;

class SystemHandlerTest {

    @TempDir
    Path home;

    private final CountDownLatch restarted = new CountDownLatch(1);
    private final DelayedRestart restart = new DelayedRestart(restarted::countDown, Clock.systemUTC());

    @AfterEach
    void stop() {
        restart.cancel();
    }

    @Test
    void systemReportsUptimeMemoryAndTheDiskOfTheHome() {
        SystemHandler handler = new SystemHandler(new SystemView(home), restart);
        Response r = handler.handle(Requests.of("OUTPOST-SYSTEM-V1", Verb.GET, "system", null));
        assertEquals(200, r.code());
        String body = Requests.body(r);
        assertTrue(body.startsWith("{\"uptimeMillis\":"), body);
        assertTrue(body.contains("\"heap\":{\"usedBytes\":") && body.contains("\"disk\":{\"path\":\"" + home + "\",\"totalBytes\":"), body);
        assertFalse(body.contains("restartAt"), body);
    }

    @Test
    void restartRepliesFirstAndRestartsAfterTheDelayOnce() throws Exception {
        SystemHandler handler = new SystemHandler(new SystemView(home), restart);
        long asked = System.nanoTime();
        Response r = handler.handle(Requests.of("OUTPOST-SYSTEM-V1", Verb.EXEC, "restart", "{\"delaySeconds\":1}"));
        assertEquals(200, r.code(), r.message());
        assertEquals(1, restarted.getCount(), "restarted before the reply");
        Response again = handler.handle(Requests.of("OUTPOST-SYSTEM-V1", Verb.EXEC, "restart", "{\"delaySeconds\":600}"));
        assertEquals(Requests.body(r), Requests.body(again), "a second request keeps the pending time");
        assertTrue(Requests.body(handler.handle(Requests.of("OUTPOST-SYSTEM-V1", Verb.GET, "system", null))).contains("\"restartAt\":"));
        assertTrue(restarted.await(10, TimeUnit.SECONDS), "no restart");
        assertTrue(System.nanoTime() - asked >= TimeUnit.MILLISECONDS.toNanos(950), "restarted before the delay");
    }

    @Test
    void aBadDelayIs400NamingTheFieldAndRestartsNothing() throws Exception {
        SystemHandler handler = new SystemHandler(new SystemView(home), restart);
        for (String body : new String[] {"{\"delaySeconds\":0}", "{\"delaySeconds\":3601}", "{\"delaySeconds\":\"5\"}", "{\"delaySeconds\":1.5}",
            "[1]", "{", "{\"delaySeconds\":1e30}"}) {
            Response r = handler.handle(Requests.of("OUTPOST-SYSTEM-V1", Verb.EXEC, "restart", body));
            assertEquals(400, r.code(), body);
            assertTrue(r.message().contains("delaySeconds") || body.equals("{"), body + ": " + r.message());
        }
        assertFalse(restart.pending().isPresent());
        assertEquals(5, SystemHandler.delaySeconds(new byte[0]));
        assertFalse(restarted.await(1200, TimeUnit.MILLISECONDS));
        assertEquals(404, handler.handle(Requests.of("OUTPOST-SYSTEM-V1", Verb.EXEC, "reboot", null)).code());
    }
}
