package io.outpost.request.conf;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.request.conf.MetatypeCatalog.Definitions;

/**
 * The one place that reads and changes the gateway's configuration for remote and local callers
 * ({@link ConfHandler}, {@link ConfCommands}). The <em>configurable components</em> are the pids with a metatype
 * definition and the factory configurations whose factory pid has one (as Kura lists them). Updates are checked in
 * full before anything is written ({@link UpdateCheck}), so a bad value anywhere changes nothing. Every change
 * leaves a snapshot ({@link SnapshotStore}); a rollback makes the stored configurations those of a snapshot again.
 * Passwords leave this class only as {@link Property#PASSWORD_PLACEHOLDER}. Calls are serialized.
 */
@Component(service = {ConfigurationControl.class, ConfigurationListener.class}, configurationPid = "io.outpost.request.conf",
    configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = ConfigurationControlConfig.class)
public final class ConfigurationControl implements ConfigurationListener {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationControl.class);
    static final String HOME_PROPERTY = "outpost.home";
    /** FileInstall's back reference to its .cfg file: kept, not shown, not snapshotted. */
    static final String FILEINSTALL_FILE = "felix.fileinstall.filename";
    static final String FACTORY_PID = "service.factoryPid";

    private final ConfigurationAdmin admin;
    private final MetatypeCatalog catalog;
    private final SnapshotStore snapshots;
    private final boolean snapshotOnEveryChange;
    private final ScheduledExecutorService background;
    private ScheduledFuture<?> pendingSnapshot;

    @Activate
    public ConfigurationControl(ConfigurationControlConfig config, BundleContext context, @Reference ConfigurationAdmin admin,
                                @Reference MetaTypeService metatype) {
        this(admin, new MetatypeCatalog(context, metatype), new SnapshotStore(directory(config, context), kept(config), Clock.systemUTC()),
            config.snapshotOnEveryChange());
        background.execute(this::snapshotQuietly);   // the state at start, unless the newest snapshot already holds it
        LOG.info("configuration control: snapshots in {}, {} kept", snapshots.directory(), config.snapshotsKept());
    }

    ConfigurationControl(ConfigurationAdmin admin, MetatypeCatalog catalog, SnapshotStore snapshots, boolean snapshotOnEveryChange) {
        this.admin = admin;
        this.catalog = catalog;
        this.snapshots = snapshots;
        this.snapshotOnEveryChange = snapshotOnEveryChange;
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outpost-conf-snapshots");
            t.setDaemon(true);
            return t;
        });
    }

    private static Path directory(ConfigurationControlConfig config, BundleContext context) {
        String home = context.getProperty(HOME_PROPERTY);
        String dir = config.snapshotDirectory().trim();
        if (dir.isEmpty()) {
            throw new IllegalArgumentException("configuration control: 'snapshotDirectory' is empty");
        }
        return Path.of(home == null || home.isBlank() ? "" : home.trim()).toAbsolutePath().resolve(dir);
    }

    private static int kept(ConfigurationControlConfig config) {
        if (config.snapshotsKept() < 2 || config.snapshotsKept() > 1000) {
            throw new IllegalArgumentException("configuration control: 'snapshotsKept' " + config.snapshotsKept() + " is out of range 2-1000");
        }
        return config.snapshotsKept();
    }

    @Deactivate
    void deactivate() {
        background.shutdownNow();
    }

    // ---- reading ----

    /** Every configurable component, by pid, passwords hidden. */
    public synchronized List<ComponentConfiguration> configurations() throws IOException {
        return state().values().stream().map(Configurable::shown).toList();
    }

    /** One configurable component, passwords hidden; empty when the pid is not configurable. */
    public synchronized Optional<ComponentConfiguration> configuration(String pid) throws IOException {
        return Optional.ofNullable(state().get(pid)).map(Configurable::shown);
    }

    // ---- changing ----

    /**
     * Applies updates of one or more pids, all or nothing: every update is checked first, and if one write fails
     * the ones already written are put back. Takes a snapshot when something changed.
     *
     * @return the pids whose stored configuration changed
     * @throws ConfigurationRefused naming the pid and attribute; nothing changed
     */
    public synchronized List<String> update(List<ConfigurationUpdate> updates) throws ConfigurationRefused, IOException {
        if (updates.isEmpty()) {
            throw new ConfigurationRefused("body: no configuration to update");
        }
        Definitions defs = catalog.definitions();
        Map<String, Configurable> state = state(defs);
        Set<String> seen = new HashSet<>();
        List<PendingWrite> writes = new ArrayList<>();
        for (ConfigurationUpdate u : updates) {
            if (!seen.add(u.pid())) {
                throw new ConfigurationRefused("body: pid '" + u.pid() + "' appears twice");
            }
            Configurable target = state.get(u.pid());
            if (target == null) {
                target = newFactoryInstance(u.pid(), defs).orElseThrow(
                    () -> ConfigurationRefused.notFound("pid '" + u.pid() + "' is not a configurable component (no metatype definition)"));
            }
            Map<String, Object> after = UpdateCheck.apply(u, target.definition(), target.storedWithoutFileInstall());
            if (!target.stored() || !UpdateCheck.same(after, target.storedWithoutFileInstall())) {
                writes.add(new PendingWrite(target, after, target.stored() ? target.storedWithoutFileInstall() : null,
                    target.stored(FILEINSTALL_FILE).orElse(null)));
            }
        }
        if (!writes.isEmpty()) {
            snapshotIfChanged();   // the state before, in case it changed by other means since the last snapshot
        }
        List<PendingWrite> done = new ArrayList<>();
        try {
            for (PendingWrite w : writes) {
                w.apply(admin);
                done.add(w);
            }
        } catch (IOException | RuntimeException e) {
            for (PendingWrite w : done) {
                w.undo(admin);
            }
            throw new IOException("ConfigurationAdmin refused the update of '" + writes.get(done.size()).target().pid() + "' (nothing changed): " + e, e);
        }
        if (!writes.isEmpty()) {
            snapshotIfChanged();
        }
        return writes.stream().map(w -> w.target().pid()).toList();
    }

    // ---- snapshots ----

    public synchronized List<Long> snapshotIds() throws IOException {
        return snapshots.ids();
    }

    /** A snapshot's configurations, passwords hidden. */
    public synchronized List<ComponentConfiguration> snapshot(long id) throws ConfigurationRefused, IOException {
        List<ConfigurationUpdate> content = readSnapshot(id);
        Definitions defs = catalog.definitions();
        List<ComponentConfiguration> out = new ArrayList<>();
        for (ConfigurationUpdate c : content) {
            Optional<String> factory = c.properties().stream().filter(p -> p.name().equals(FACTORY_PID)).findFirst()
                .map(p -> p.values().isEmpty() ? "" : p.values().get(0));
            Optional<ObjectClassDefinition> ocd = Optional.ofNullable(factory.map(defs.factoryPids()::get).orElse(defs.pids().get(c.pid())));
            List<Property> shown = c.properties().stream().filter(p -> !p.name().equals(FACTORY_PID))
                .map(p -> isPassword(ocd, p.name()) ? new Property(p.name(), PropertyType.PASSWORD, p.array(), p.values()).hidden() : p.hidden())
                .toList();
            out.add(new ComponentConfiguration(c.pid(), factory, ocd, shown, !c.properties().isEmpty()));
        }
        return out;
    }

    /** Takes a snapshot now and returns its id (the newest one's, when nothing changed since). */
    public synchronized long takeSnapshot() throws IOException {
        return snapshotIfChanged();
    }

    /**
     * Makes the stored configurations those of a snapshot: pids it holds get its properties (or lose their
     * configuration when it had none), factory configurations created since are deleted, deleted ones created again.
     *
     * @param id the snapshot, or empty for the one before the newest (the newest being the state now)
     * @return the id rolled back to
     */
    public synchronized long rollback(OptionalLong id) throws ConfigurationRefused, IOException {
        long target;
        if (id.isPresent()) {
            target = id.getAsLong();
        } else {
            snapshotIfChanged();   // so "the one before the newest" is the one before now
            List<Long> ids = snapshots.ids();
            if (ids.size() < 2) {
                throw ConfigurationRefused.notFound("no previous snapshot to roll back to (" + ids.size() + " on disk)");
            }
            target = ids.get(ids.size() - 2);
        }
        List<ConfigurationUpdate> content = readSnapshot(target);
        Definitions defs = catalog.definitions();
        Map<String, Configurable> state = state(defs);
        Set<String> inSnapshot = new HashSet<>();
        for (ConfigurationUpdate c : content) {
            inSnapshot.add(c.pid());
            restore(c, state.get(c.pid()));
        }
        for (Configurable now : state.values()) {
            if (now.factoryPid().isPresent() && now.stored() && !inSnapshot.contains(now.pid())) {
                now.configuration().delete();
            }
        }
        snapshotIfChanged();
        LOG.info("configuration rolled back to snapshot {}", target);
        return target;
    }

    private void restore(ConfigurationUpdate saved, Configurable now) throws IOException, ConfigurationRefused {
        Map<String, Object> properties = new LinkedHashMap<>();
        String factory = null;
        for (Property p : saved.properties()) {
            if (p.name().equals(FACTORY_PID)) {
                factory = p.values().isEmpty() ? null : p.values().get(0);
                continue;
            }
            properties.put(p.name(), stored(p, saved.pid()));
        }
        if (now != null && now.stored()) {
            if (properties.isEmpty()) {
                now.configuration().delete();
            } else if (!UpdateCheck.same(properties, now.storedWithoutFileInstall())) {
                now.stored(FILEINSTALL_FILE).ifPresent(f -> properties.put(FILEINSTALL_FILE, f));
                now.configuration().update(new Hashtable<>(properties));
            }
            return;
        }
        if (properties.isEmpty()) {
            return;
        }
        Configuration created;
        if (factory != null) {
            int tilde = saved.pid().indexOf('~');
            created = tilde > 0 ? admin.getFactoryConfiguration(factory, saved.pid().substring(tilde + 1), "?")
                : admin.createFactoryConfiguration(factory, "?");
        } else {
            created = admin.getConfiguration(saved.pid(), "?");
        }
        created.update(new Hashtable<>(properties));
    }

    private static Object stored(Property p, String pid) throws ConfigurationRefused {
        List<Object> values = new ArrayList<>();
        for (String v : p.values()) {
            try {
                values.add(p.type().parse(v));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationRefused("snapshot: pid '" + pid + "' attribute '" + p.name() + "': " + e.getMessage());
            }
        }
        if (!p.array()) {
            if (values.size() != 1) {
                throw new ConfigurationRefused("snapshot: pid '" + pid + "' attribute '" + p.name() + "' has " + values.size() + " values");
            }
            return values.get(0);
        }
        Object array = p.type().newArray(values.size());
        for (int i = 0; i < values.size(); i++) {
            java.lang.reflect.Array.set(array, i, values.get(i));
        }
        return array;
    }

    private List<ConfigurationUpdate> readSnapshot(long id) throws ConfigurationRefused, IOException {
        Optional<byte[]> bytes = snapshots.read(id);
        if (bytes.isEmpty()) {
            throw ConfigurationRefused.notFound("no snapshot " + id);
        }
        try {
            return ConfigurationsXml.read(bytes.get());
        } catch (ConfigurationRefused e) {
            throw new IOException("snapshot " + id + " is damaged: " + e.getMessage());
        }
    }

    private long snapshotIfChanged() throws IOException {
        List<ComponentConfiguration> all = new ArrayList<>();
        for (Configurable c : state().values()) {
            all.add(c.saved());
        }
        byte[] content = ConfigurationsXml.write(all, false);
        List<Long> ids = snapshots.ids();
        if (!ids.isEmpty()) {
            long newest = ids.get(ids.size() - 1);
            if (snapshots.read(newest).map(b -> Arrays.equals(b, content)).orElse(false)) {
                return newest;
            }
        }
        return snapshots.write(content);
    }

    private void snapshotQuietly() {
        try {
            synchronized (this) {
                snapshotIfChanged();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("configuration snapshot failed: {}", e.toString());
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (!snapshotOnEveryChange) {
            return;
        }
        synchronized (background) {
            if (pendingSnapshot != null) {
                pendingSnapshot.cancel(false);
            }
            try {
                pendingSnapshot = background.schedule(this::snapshotQuietly, 1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // deactivated
            }
        }
    }

    // ---- the state now ----

    private Map<String, Configurable> state() throws IOException {
        return state(catalog.definitions());
    }

    private Map<String, Configurable> state(Definitions defs) throws IOException {
        Map<String, Configuration> byPid = new TreeMap<>();
        try {
            Configuration[] all = admin.listConfigurations(null);
            for (Configuration c : all == null ? new Configuration[0] : all) {
                byPid.put(c.getPid(), c);
            }
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
        Map<String, Configurable> out = new TreeMap<>();
        defs.pids().forEach((pid, ocd) -> out.put(pid, new Configurable(pid, Optional.empty(), Optional.of(ocd), byPid.get(pid))));
        for (Configuration c : byPid.values()) {
            String factory = c.getFactoryPid();
            if (factory != null && defs.factoryPids().containsKey(factory)) {
                out.put(c.getPid(), new Configurable(c.getPid(), Optional.of(factory), Optional.of(defs.factoryPids().get(factory)), c));
            }
        }
        return out;
    }

    /** A factory configuration an update may create: pid {@code <factory pid>~<name>} of a factory pid with metatype. */
    private Optional<Configurable> newFactoryInstance(String pid, Definitions defs) throws IOException {
        int tilde = pid.indexOf('~');
        if (tilde <= 0 || tilde == pid.length() - 1) {
            return Optional.empty();
        }
        String factory = pid.substring(0, tilde);
        ObjectClassDefinition ocd = defs.factoryPids().get(factory);
        if (ocd == null) {
            return Optional.empty();
        }
        return Optional.of(new Configurable(pid, Optional.of(factory), Optional.of(ocd), null));
    }

    private static boolean isPassword(Optional<ObjectClassDefinition> ocd, String name) {
        return ocd.flatMap(d -> UpdateCheck.attribute(d, name)).map(a -> a.getType() == AttributeDefinition.PASSWORD).orElse(false);
    }

    /** A value inside an LDAP filter (RFC 4515). */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '(' || c == ')' || c == '*') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
