package io.outpost.bench.hqfleet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * N gateways in one JVM, each its own Paho client id and connection, speaking the kura profile's topics with JSON
 * payloads: a birth on every connect, data at {@code ratePerGateway} messages/s (four metrics and the outpost
 * envelope, QoS 1), alarms on device {@code alarms} from random gateways, and outages (a gateway drops its
 * connection without DISCONNECT now and then and comes back with a new birth a few seconds later).
 */
final class SimulatedFleet implements AutoCloseable {

    private static final String ACCOUNT = "outpost";

    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final long[] msgids;
    private final double[] credit;
    private final double ratePerGateway;
    private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2);
    private final Random random = new Random(42);
    final AtomicLong published = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong outages = new AtomicLong();
    /** Alarm channel name to when it was published (epoch ms). */
    final Map<String, Long> alarmsPublished = new ConcurrentHashMap<>();
    private final AtomicLong alarmSeq = new AtomicLong();

    SimulatedFleet(String brokerUri, int gateways, double ratePerGateway) throws Exception {
        this.msgids = new long[gateways];
        this.credit = new double[gateways];
        this.ratePerGateway = ratePerGateway;
        for (int i = 0; i < gateways; i++) {
            MqttAsyncClient c = new MqttAsyncClient(brokerUri, "fleet-" + i, new MemoryPersistence());
            clients.add(c);
        }
        // connect 50 at a time, as a fleet coming back after an HQ restart would
        for (int from = 0; from < gateways; from += 50) {
            List<org.eclipse.paho.client.mqttv3.IMqttToken> tokens = new ArrayList<>();
            for (int i = from; i < Math.min(gateways, from + 50); i++) {
                tokens.add(clients.get(i).connect(options(i)));
            }
            for (org.eclipse.paho.client.mqttv3.IMqttToken t : tokens) {
                t.waitForCompletion(30_000);
            }
            for (int i = from; i < Math.min(gateways, from + 50); i++) {
                birth(i);
            }
        }
    }

    private static MqttConnectOptions options(int i) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(500);
        o.setKeepAliveInterval(60);
        o.setConnectionTimeout(30);
        o.setWill("$EDC/" + ACCOUNT + "/fleet-" + i + "/MQTT/LWT", "{\"metrics\":{}}".getBytes(StandardCharsets.UTF_8), 1, false);
        return o;
    }

    int connected() {
        return (int) clients.stream().filter(MqttAsyncClient::isConnected).count();
    }

    /** Data every 20 ms tick, an alarm every {@code alarmMillis}, an outage of one gateway every {@code outageMillis}. */
    void start(long alarmMillis, long outageMillis) {
        ticks.scheduleAtFixedRate(this::tick, 0, 20, TimeUnit.MILLISECONDS);
        ticks.scheduleAtFixedRate(this::alarm, alarmMillis, alarmMillis, TimeUnit.MILLISECONDS);
        ticks.scheduleAtFixedRate(this::outage, outageMillis, outageMillis, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        for (int i = 0; i < clients.size(); i++) {
            credit[i] += ratePerGateway * 0.020;
            while (credit[i] >= 1) {
                credit[i] -= 1;
                MqttAsyncClient c = clients.get(i);
                if (!c.isConnected()) {
                    continue;
                }
                long id = ++msgids[i];
                String json = "{\"sentOn\":" + System.currentTimeMillis() + ",\"metrics\":{\"temperature\":" + (20 + (id % 100) / 10.0)
                        + ",\"pressure\":" + (1000 + id % 50) + ",\"level\":" + (id % 1000) / 10.0 + ",\"door\":" + (id % 2 == 0)
                        + ",\"outpost.msgid\":" + id + ",\"outpost.epoch\":1}}";
                if (!publish(c, "outpost/" + c.getClientId() + "/data/sim1", json)) {
                    msgids[i]--;
                }
            }
        }
    }

    private void alarm() {
        int i = random.nextInt(clients.size());
        MqttAsyncClient c = clients.get(i);
        if (!c.isConnected()) {
            return;
        }
        String channel = "a" + alarmSeq.incrementAndGet();
        long id;
        synchronized (this) {
            id = ++msgids[i];
        }
        long now = System.currentTimeMillis();
        if (publish(c, "outpost/" + c.getClientId() + "/alarms/alarms", "{\"sentOn\":" + now + ",\"metrics\":{\"channel\":\"" + channel
                + "\",\"state\":\"raised\",\"limit\":\"high\",\"threshold\":90.0,\"value\":93.5,\"outpost.msgid\":" + id + ",\"outpost.epoch\":1}}")) {
            alarmsPublished.put(channel + " " + ACCOUNT + "/" + c.getClientId(), now);
        }
    }

    private void outage() {
        int i = random.nextInt(clients.size());
        MqttAsyncClient c = clients.get(i);
        if (!c.isConnected()) {
            return;
        }
        outages.incrementAndGet();
        try {
            c.disconnectForcibly(0, 100, false); // no DISCONNECT: the broker publishes the LWT
        } catch (MqttException e) {
            return;
        }
        ticks.schedule(() -> {
            try {
                c.connect(options(i)).waitForCompletion(30_000);
                birth(i);
            } catch (MqttException e) {
                // stays down; counted as not connected
            }
        }, 3, TimeUnit.SECONDS);
    }

    private void birth(int i) throws MqttException {
        MqttAsyncClient c = clients.get(i);
        c.publish("$EDC/" + ACCOUNT + "/" + c.getClientId() + "/MQTT/BIRTH", ("{\"metrics\":{\"model_name\":\"fleet sim\",\"application_ids\":\"SIM\","
                + "\"firmware_version\":\"1.0\"}}").getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private boolean publish(MqttAsyncClient c, String topic, String json) {
        try {
            c.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
            published.incrementAndGet();
            return true;
        } catch (MqttException e) {
            refused.incrementAndGet(); // too many in flight: the broker is not keeping up with this gateway
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        ticks.shutdownNow();
        ticks.awaitTermination(5, TimeUnit.SECONDS);
        // in parallel: one by one, a thousand clients would wait out a thousand disconnect timeouts
        clients.parallelStream().forEach(c -> {
            try {
                if (c.isConnected()) {
                    c.disconnectForcibly(0, 50, true);
                }
                c.close(true);
            } catch (MqttException e) {
                // closing anyway
            }
        });
    }
}
