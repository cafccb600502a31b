package io.outpost.link.mqtt;

import java.lang.reflect.Proxy;
import java.util.Map;

import io.outpost.api.link.Link;
import io.outpost.api.profile.CloudProfile;

/** Builds the real wired link outside a framework, for the benchmark (its configuration type is package-private). */
public final class BenchLinks {

    private BenchLinks() {
    }

    public static MqttLink wired(String brokerUrl, String clientId, int maxInFlight, CloudProfile profile) throws Exception {
        Map<String, Object> values = Map.of("brokerUrl", brokerUrl, "clientId", clientId, "maxInFlight", maxInFlight,
            "reconnectMinMillis", 200L, "reconnectMaxMillis", 1000L);
        MqttLinkConfig config = (MqttLinkConfig) Proxy.newProxyInstance(MqttLinkConfig.class.getClassLoader(),
            new Class<?>[] {MqttLinkConfig.class}, (proxy, method, args) -> {
                if (method.getName().equals("annotationType")) {
                    return MqttLinkConfig.class;
                }
                Object v = values.get(method.getName());
                return v != null ? v : method.getDefaultValue();
            });
        return new MqttLink(config, profile);
    }

    public static void stop(Link link) {
        ((MqttLink) link).deactivate();
    }
}
