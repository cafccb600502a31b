package io.outpost.itests.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Creates configurations through the real ConfigAdmin and deletes them all at the end of a test. */
public final class Configurations implements AutoCloseable {

    private final ConfigurationAdmin admin;
    private final List<Configuration> created = new ArrayList<>();

    public Configurations(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    public Configuration single(String pid, Map<String, ?> properties) throws IOException {
        Configuration configuration = admin.getConfiguration(pid, "?");
        configuration.update(dictionary(properties));
        created.add(configuration);
        return configuration;
    }

    public Configuration factory(String factoryPid, String name, Map<String, ?> properties) throws IOException {
        Configuration configuration = admin.getFactoryConfiguration(factoryPid, name, "?");
        configuration.update(dictionary(properties));
        created.add(configuration);
        return configuration;
    }

    /** Configuration properties from alternating keys and values, for more entries than {@code Map.of} takes. */
    public static Map<String, String> properties(String... keysAndValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Dictionary<String, Object> dictionary(Map<String, ?> properties) {
        Hashtable<String, Object> table = new Hashtable<>();
        properties.forEach(table::put);
        return table;
    }

    @Override
    public void close() throws IOException {
        for (Configuration configuration : created) {
            try {
                configuration.delete();
            } catch (IllegalStateException alreadyDeleted) {
                // deleted by the test itself
            }
        }
        created.clear();
    }
}
