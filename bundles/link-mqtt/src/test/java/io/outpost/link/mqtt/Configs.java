package io.outpost.link.mqtt;

import java.lang.reflect.Proxy;
import java.util.Map;

/** An {@link MqttLinkConfig} with the metatype defaults and the given overrides, as DS would build it. */
final class Configs {

    private Configs() {
    }

    static MqttLinkConfig link(Map<String, Object> overrides) {
        return (MqttLinkConfig) Proxy.newProxyInstance(MqttLinkConfig.class.getClassLoader(), new Class<?>[] {MqttLinkConfig.class},
            (proxy, method, args) -> method.getName().equals("annotationType") ? MqttLinkConfig.class
                : overrides.containsKey(method.getName()) ? overrides.get(method.getName()) : method.getDefaultValue());
    }
}
