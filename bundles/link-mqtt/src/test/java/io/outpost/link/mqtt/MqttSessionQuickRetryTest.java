package io.outpost.link.mqtt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** Real Paho clients against a local port where nothing listens: the kernel refuses each connection. */
class MqttSessionQuickRetryTest {

    private static int closedPort() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    private static MqttSession.Events ignoring() {
        return new MqttSession.Events() {
            public void connected(boolean reconnect) {
            }

            public void disconnected(Throwable cause) {
            }

            public void arrived(String topic, byte[] payload) {
            }
        };
    }

    @Test
    void aRefusingBrokerIsTriedEvery100MillisBeforeTheFirstConnectThenTheBackOffTakesOver() throws Exception {
        String url = "tcp://127.0.0.1:" + closedPort();
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger optionsBuilt = new AtomicInteger();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
        MqttSession session = new MqttSession(url, () -> {
            attempts.incrementAndGet();
            return new MqttAsyncClient(url, "quick-retry-test", new MemoryPersistence());
        }, () -> {
            optionsBuilt.incrementAndGet();
            MqttConnectOptions options = new MqttConnectOptions();
            options.setConnectionTimeout(2);
            return options;
        }, new Backoff(1000, 60000, new SplittableRandom(1)), timer, Duration.ofSeconds(10),
            new OversizeWatch(MqttLink.LINK_ID, 3), ignoring());
        long start = System.nanoTime();
        try {
            session.start();
            // the back-off alone (first delays 0.5-1 s, then 1-2 s, 2-4 s) cannot make 6 attempts in 5 s
            while (attempts.get() < 6 && System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
                Thread.sleep(10);
            }
            assertTrue(attempts.get() >= 6, "quick retries: only " + attempts.get() + " attempts in 5 s");
            // 30 quick retries take at least 3 s; afterwards the back-off: at most two more attempts by 5.5 s
            long untilMillis = 5500 - Duration.ofNanos(System.nanoTime() - start).toMillis();
            if (untilMillis > 0) {
                Thread.sleep(untilMillis);
            }
            int total = attempts.get();
            assertTrue(total <= 1 + MqttSession.QUICK_RETRIES + 2, "the quick retries are bounded, got " + total + " attempts in 5.5 s");
            assertTrue(optionsBuilt.get() == 1, "connect options built once, on the session's thread: " + optionsBuilt.get());
        } finally {
            session.close(null);
            timer.shutdownNow();
        }
    }

    @Test
    void onlyARefusedConnectionCountsAsRefused() {
        assertTrue(MqttSession.refused(new MqttException(MqttException.REASON_CODE_SERVER_CONNECT_ERROR,
            new ConnectException("Connection refused"))));
        assertFalse(MqttSession.refused(new MqttException(MqttException.REASON_CODE_SERVER_CONNECT_ERROR,
            new SocketTimeoutException("connect timed out"))));
        assertFalse(MqttSession.refused(new MqttException(MqttException.REASON_CODE_NOT_AUTHORIZED)));
        assertFalse(MqttSession.refused(null));
    }
}
