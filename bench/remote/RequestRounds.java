import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The HQ side of bench/remote: rounds of N requests published at once with Paho (its in-flight window set above
 * N, so the client does not hold requests back), the time from each publish to its reply. Prints one line per round
 * and the requests' times in milliseconds after the last round (for the Python driver to collect).
 *
 * <p>Run by remote-bench.py: {@code java -cp paho.jar RequestRounds.java <broker-url> <account> <gateway> <hq> <rounds> <n> <topic-suffix>}.
 */
public final class RequestRounds {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String account = args[1];
        String gateway = args[2];
        String hq = args[3];
        int rounds = Integer.parseInt(args[4]);
        int n = Integer.parseInt(args[5]);
        String suffix = args[6];
        Map<String, Long> sent = new ConcurrentHashMap<>();
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        Map<String, Long> sentWall = new ConcurrentHashMap<>();
        Map<String, Long> replySentOn = new ConcurrentHashMap<>();
        Map<String, Long> arrivedWall = new ConcurrentHashMap<>();
        java.util.regex.Pattern sentOn = java.util.regex.Pattern.compile("\"sentOn\":(\\d+)");
        CountDownLatch[] latch = new CountDownLatch[1];
        MqttClient client = new MqttClient(url, hq + "-bench", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(Math.max(10, 4 * n));
        // as the gateway's link does: no Nagle on this small-packet connection, so the test client adds no 40 ms waits
        options.setSocketFactory(new javax.net.SocketFactory() {
            private java.net.Socket noDelay(java.net.Socket s) throws java.io.IOException {
                s.setTcpNoDelay(true);
                return s;
            }

            @Override
            public java.net.Socket createSocket() throws java.io.IOException {
                return noDelay(new java.net.Socket());
            }

            @Override
            public java.net.Socket createSocket(String host, int port) throws java.io.IOException {
                return noDelay(new java.net.Socket(host, port));
            }

            @Override
            public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort) throws java.io.IOException {
                return noDelay(new java.net.Socket(host, port, local, localPort));
            }

            @Override
            public java.net.Socket createSocket(java.net.InetAddress host, int port) throws java.io.IOException {
                return noDelay(new java.net.Socket(host, port));
            }

            @Override
            public java.net.Socket createSocket(java.net.InetAddress host, int port, java.net.InetAddress local, int localPort)
                    throws java.io.IOException {
                return noDelay(new java.net.Socket(host, port, local, localPort));
            }
        });
        client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                System.err.println("connection lost: " + cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                String id = topic.substring(topic.lastIndexOf('/') + 1);
                arrivedWall.putIfAbsent(id, System.currentTimeMillis());
                java.util.regex.Matcher on = sentOn.matcher(new String(message.getPayload(), StandardCharsets.UTF_8));
                if (on.find()) {
                    replySentOn.putIfAbsent(id, Long.parseLong(on.group(1)));
                }
                if (arrived.putIfAbsent(id, System.nanoTime()) == null && latch[0] != null) {
                    latch[0].countDown();
                }
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        client.connect(options);
        client.subscribe("$EDC/" + account + "/" + hq + "/+/REPLY/#", 1);
        String topic = "$EDC/" + account + "/" + gateway + "/" + suffix;
        List<Double> all = new ArrayList<>();
        for (int r = 0; r <= rounds; r++) {
            latch[0] = new CountDownLatch(n);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = "p" + r + "-" + i;
                ids.add(id);
                byte[] body = ("{\"metrics\":{\"request.id\":\"" + id + "\",\"requester.client.id\":\"" + hq + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
                MqttMessage m = new MqttMessage(body);
                m.setQos(1);
                sent.put(id, System.nanoTime());
                sentWall.put(id, System.currentTimeMillis());
                client.getTopic(topic).publish(m);   // asynchronous: does not wait for the broker's acknowledgement
            }
            boolean all100 = latch[0].await(60, TimeUnit.SECONDS);
            List<Double> ms = new ArrayList<>();
            for (String id : ids) {
                Long a = arrived.get(id);
                if (a != null) {
                    ms.add((a - sent.get(id)) / 1e6);
                }
            }
            Collections.sort(ms);
            String label = r == 0 ? "warm-up" : "round " + r;
            System.out.printf("%s: %d in flight, %s: %d replies, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", label, n, suffix,
                ms.size(), pct(ms, 50), pct(ms, 99), ms.isEmpty() ? Double.NaN : ms.get(ms.size() - 1));
            List<Long> toReply = new ArrayList<>();
            List<Long> replyPath = new ArrayList<>();
            for (String id : ids) {
                Long on = replySentOn.get(id);
                if (on != null && arrivedWall.get(id) != null) {
                    toReply.add(on - sentWall.get(id));
                    replyPath.add(arrivedWall.get(id) - on);
                }
            }
            Collections.sort(toReply);
            Collections.sort(replyPath);
            if (!toReply.isEmpty()) {
                System.out.printf("  of which: request published -> reply made (its sentOn) p50 %d / max %d ms; reply made -> arrived p50 %d / max %d ms%n",
                    toReply.get(toReply.size() / 2), toReply.get(toReply.size() - 1), replyPath.get(replyPath.size() / 2),
                    replyPath.get(replyPath.size() - 1));
            }
            if (!all100) {
                System.out.println(label + ": not every reply arrived within 60 s");
            }
            if (r > 0) {
                all.addAll(ms);
            }
            Thread.sleep(1000);
        }
        Collections.sort(all);
        System.out.printf("all rounds (%d requests): p50 %.1f ms, p99 %.1f ms%n", all.size(), pct(all, 50), pct(all, 99));
        client.disconnect();
        client.close();
    }

    private static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
