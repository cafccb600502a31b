package io.outpost.link.mqtt;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.outpost.api.data.Value;

/**
 * What only the link knows for the birth certificate: which interface and address reach the broker. Found
 * by routing a UDP socket towards the broker, which sends nothing.
 */
final class ConnectionInfo {

    private ConnectionInfo() {
    }

    static Map<String, Value> towards(String brokerUrl) {
        Map<String, Value> metrics = new LinkedHashMap<>();
        try {
            URI uri = URI.create(brokerUrl);
            int port = uri.getPort() > 0 ? uri.getPort() : 1883;
            try (DatagramSocket probe = new DatagramSocket()) {
                probe.connect(new InetSocketAddress(uri.getHost(), port));
                InetAddress local = probe.getLocalAddress();
                NetworkInterface nic = NetworkInterface.getByInetAddress(local);
                metrics.put("connection_interface", Value.of(nic == null ? "unknown" : nic.getName()));
                metrics.put("connection_ip", Value.of(local.getHostAddress()));
            }
        } catch (Exception e) {
            metrics.put("connection_interface", Value.of("unknown"));
        }
        metrics.put("broker_url", Value.of(brokerUrl));
        return metrics;
    }
}
