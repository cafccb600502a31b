package io.outpost.request.dispatcher;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may call which app: an allow-list of requester client ids per app id; an app id without its own list allows
 * the HQ client id only. Built from the configuration's {@code allow} entries {@code APP-ID=client1,client2}, several
 * in one value separated by {@code ;} (a {@code .cfg} file holds one string); a malformed entry is refused naming the field.
 */
final class Authorization {

    private final Set<String> defaultRequesters;
    private final Map<String, Set<String>> perApp;

    private Authorization(Set<String> defaultRequesters, Map<String, Set<String>> perApp) {
        this.defaultRequesters = defaultRequesters;
        this.perApp = perApp;
    }

    static Authorization parse(String hqClientId, String[] allow) {
        if (!TopicLevel.isValid(hqClientId)) {
            throw new IllegalArgumentException("request dispatcher: 'hqClientId' '" + hqClientId + "' is not one MQTT topic level");
        }
        Map<String, Set<String>> perApp = new HashMap<>();
        for (String entry : allow == null ? List.<String>of() : java.util.Arrays.stream(allow).flatMap(a -> java.util.Arrays.stream(a.split(";")))
                .map(String::trim).filter(a -> !a.isEmpty()).toList()) {
            int eq = entry.indexOf('=');
            String app = eq < 0 ? "" : entry.substring(0, eq).trim();
            if (!TopicLevel.isValid(app)) {
                throw new IllegalArgumentException("request dispatcher: 'allow' entry '" + entry + "' is not APP-ID=client1,client2");
            }
            Set<String> clients = new LinkedHashSet<>();
            for (String client : entry.substring(eq + 1).split(",")) {
                String c = client.trim();
                if (!c.isEmpty()) {
                    if (!TopicLevel.isValid(c)) {
                        throw new IllegalArgumentException("request dispatcher: 'allow' entry '" + entry + "': client id '" + c + "' is not one MQTT topic level");
                    }
                    clients.add(c);
                }
            }
            perApp.computeIfAbsent(app, a -> new LinkedHashSet<>()).addAll(clients);
        }
        perApp.replaceAll((app, clients) -> Set.copyOf(clients));
        return new Authorization(Set.of(hqClientId), Map.copyOf(perApp));
    }

    boolean allows(String requester, String appId) {
        return perApp.getOrDefault(appId, defaultRequesters).contains(requester);
    }

    /** The requesters allowed for an app id, for the shell. */
    List<String> requestersOf(String appId) {
        return List.copyOf(perApp.getOrDefault(appId, defaultRequesters));
    }
}
