package io.outpost.link.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.Value;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.profile.CloudProfile;
import io.outpost.api.profile.ControlDecoding;
import io.outpost.api.profile.ControlMessage;
import io.outpost.api.profile.EncodedMessage;
import io.outpost.api.profile.GatewayIdentity;
import io.outpost.api.request.RequestDispatcher;

class ControlIntakeTest {

    private static final GatewayIdentity GW = new GatewayIdentity("acme", "gw-1");

    /** Decodes "ok" payloads, refuses the rest. */
    private static final CloudProfile PROFILE = new CloudProfile() {
        @Override
        public EncodedMessage encode(GatewayIdentity gateway, OutboundMessage message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public EncodedMessage birth(GatewayIdentity gateway, Map<String, Value> connectionMetrics) {
            throw new UnsupportedOperationException();
        }

        @Override
        public EncodedMessage disconnect(GatewayIdentity gateway) {
            throw new UnsupportedOperationException();
        }

        @Override
        public EncodedMessage lastWill(GatewayIdentity gateway) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String controlTopicFilter(GatewayIdentity gateway) {
            return "$EDC/acme/gw-1/#";
        }

        @Override
        public ControlDecoding decodeControl(GatewayIdentity gateway, String topic, byte[] payload) {
            return new String(payload).equals("ok") ? ControlDecoding.decoded(new ControlMessage(topic, Map.of(), null))
                : ControlDecoding.refused("junk");
        }
    };

    @Test
    void messagesAreDispatchedOffTheCallingThreadAndAFullQueueDropsAndCounts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        RequestDispatcher blocking = message -> {
            threads.add(Thread.currentThread().getName());
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        ControlIntake intake = new ControlIntake(PROFILE, GW, m -> {
            blocking.dispatch(m);
            return true;
        }, 1, 2);
        try {
            for (int i = 0; i < 10; i++) {
                intake.arrived("$EDC/acme/gw-1/X/GET/" + i, "ok".getBytes());
            }
            // one running, two queued, seven dropped, all without blocking this thread
            assertEquals(7, intake.counts().droppedQueueFull());
            release.countDown();
        } finally {
            intake.close();
        }
        assertEquals(3, intake.counts().handedOver());
        assertTrue(threads.stream().allMatch(t -> t.startsWith("outpost-mqtt-requests-")), threads.toString());
        assertNotEquals(Thread.currentThread().getName(), threads.get(0));
    }

    @Test
    void undecodableMessagesAndMessagesWithoutADispatcherAreCounted() {
        ControlIntake noDispatcher = new ControlIntake(PROFILE, GW, m -> false, 1, 10);
        noDispatcher.arrived("t", "ok".getBytes());
        noDispatcher.arrived("t", "junk".getBytes());
        noDispatcher.close();
        assertEquals(new ControlIntake.Counts(0, 0, 1, 1), noDispatcher.counts());
    }
}
