package io.outpost.request.command;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** A {@link CommandConfig} with its defaults and the given overrides, as SCR would build it. */
final class Configs {

    private Configs() {
    }

    static CommandConfig of(Object... keysAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return (CommandConfig) Proxy.newProxyInstance(CommandConfig.class.getClassLoader(), new Class<?>[] {CommandConfig.class},
            (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue());
    }
}
