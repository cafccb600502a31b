package io.outpost.request.conf;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * The local twin of CONF-V1, Gogo {@code outpost:conf}: the same {@link ConfigurationControl} calls, as text.
 * <pre>
 * conf list                       configurable pids
 * conf get &lt;pid&gt;                 its properties (passwords hidden)
 * conf set &lt;pid&gt; name=value ...  an update (array values separated by commas), checked like a remote one
 * conf snapshots | snapshot | rollback [id]
 * </pre>
 */
@Component(service = ConfCommands.class, property = {"osgi.command.scope=outpost", "osgi.command.function=conf"})
public final class ConfCommands {

    static final String USAGE = "usage: conf list | get <pid> | set <pid> name=value... | snapshots | snapshot | rollback [id]";

    private final ConfigurationControl control;

    @Activate
    public ConfCommands(@Reference ConfigurationControl control) {
        this.control = control;
    }

    /** Gogo entry point; returns the text to print (an error is text too, never an exception). */
    public String conf(String... args) {
        if (args.length == 0) {
            return USAGE;
        }
        try {
            return switch (args[0]) {
                case "list" -> list();
                case "get" -> args.length == 2 ? get(args[1]) : USAGE;
                case "set" -> args.length >= 3 ? set(args[1], Arrays.copyOfRange(args, 2, args.length)) : USAGE;
                case "snapshots" -> snapshots();
                case "snapshot" -> "snapshot " + control.takeSnapshot();
                case "rollback" -> args.length <= 2 ? "rolled back to snapshot "
                    + control.rollback(args.length == 1 ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(args[1]))) : USAGE;
                default -> USAGE;
            };
        } catch (ConfigurationRefused e) {
            return "refused: " + e.getMessage();
        } catch (NumberFormatException e) {
            return "refused: snapshot id '" + args[1] + "' is not a number";
        } catch (IOException e) {
            return "failed: " + e.getMessage();
        }
    }

    private String list() throws IOException {
        StringBuilder out = new StringBuilder();
        for (ComponentConfiguration c : control.configurations()) {
            out.append(c.pid());
            c.factoryPid().ifPresent(f -> out.append("  (factory ").append(f).append(')'));
            out.append(c.stored() ? "  stored" : "  defaults").append('\n');
        }
        return out.toString();
    }

    private String get(String pid) throws IOException, ConfigurationRefused {
        Optional<ComponentConfiguration> c = control.configuration(pid);
        if (c.isEmpty()) {
            throw ConfigurationRefused.notFound("pid '" + pid + "' is not a configurable component (no metatype definition)");
        }
        StringBuilder out = new StringBuilder();
        out.append(pid).append(c.get().stored() ? "" : " (no stored configuration: defaults)").append('\n');
        c.get().definition().ifPresent(d -> out.append("  ").append(d.getName()).append('\n'));
        for (Property p : c.get().properties()) {
            out.append("  ").append(p.name()).append(" (").append(p.type().wireName).append(p.array() ? "[]" : "").append(") = ")
                .append(String.join(", ", p.values())).append('\n');
        }
        return out.toString();
    }

    private String set(String pid, String[] assignments) throws IOException, ConfigurationRefused {
        Optional<ComponentConfiguration> current = control.configuration(pid);
        List<Property> properties = new ArrayList<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new ConfigurationRefused("'" + a + "' is not name=value");
            }
            String name = a.substring(0, eq);
            String value = a.substring(eq + 1);
            boolean array = current.flatMap(c -> c.definition()).flatMap(d -> UpdateCheck.attribute(d, name))
                .map(AttributeDefinition::getCardinality).map(n -> n != 0).orElse(false);
            properties.add(new Property(name, PropertyType.STRING, array, array ? Arrays.asList(value.split(",", -1)) : List.of(value)));
        }
        List<String> changed = control.update(List.of(new ConfigurationUpdate(pid, properties)));
        return changed.isEmpty() ? pid + ": unchanged" : pid + ": updated";
    }

    private String snapshots() throws IOException {
        StringBuilder out = new StringBuilder();
        for (long id : control.snapshotIds()) {
            out.append(id).append("  ").append(Instant.ofEpochMilli(id)).append('\n');
        }
        return out.length() == 0 ? "no snapshots\n" : out.toString();
    }
}
