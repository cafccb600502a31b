package io.outpost.ota;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Dictionary;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.link.Link;
import io.outpost.api.link.LinkState;
import io.outpost.api.ota.InstallRequest;
import io.outpost.api.ota.InstalledPackage;
import io.outpost.api.ota.OtaJob;
import io.outpost.api.ota.OtaService;
import io.outpost.api.upstream.Upstream;

/**
 * The OTA service: builds the rooms ({@link InstallJournal}, {@link PackageDownloader}, {@link PackageInstaller},
 * {@link PackageHealth}, {@link DeployNotifications}, {@link MqttBlockSource}) from its configuration and lets {@link UpdateJobs} run them.
 * Without configuration it runs with no trusted key, so it reports its state and refuses every package.
 */
@Component(service = {OtaService.class, OtaUpdates.class}, configurationPid = "io.outpost.ota",
    configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = OtaConfig.class)
public final class OtaUpdates implements OtaService {

    private static final Logger LOG = LoggerFactory.getLogger(OtaUpdates.class);
    static final String HOME_PROPERTY = "outpost.home";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
        bind = "bindUpstream", unbind = "unbindUpstream")
    private volatile Upstream upstream;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile ServiceComponentRuntime scr;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configurationAdmin;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private final List<Link> links = new CopyOnWriteArrayList<>();

    private volatile UpdateJobs jobs;
    private volatile MqttBlockSource blocks;
    private volatile String clientId = "";

    @Activate
    void activate(BundleContext context, OtaConfig config) throws IOException {
        OtaSettings settings = OtaSettings.parse(config, home(context));
        clientId = settings.clientId();
        InstallJournal journal = new InstallJournal(settings.workDir());
        PackageInstaller installer = new PackageInstaller(context);
        PackageHealth health = new PackageHealth(context, () -> Optional.ofNullable(scr), this::anyLinkUp);
        DeployNotifications notifications = new DeployNotifications(() -> upstream, this::notifyClientId, Clock.systemUTC());
        MqttBlockSource mqtt = new MqttBlockSource(new BlockRequester(() -> upstream, this::anyLinkUp, this::notifyClientId, Clock.systemUTC()),
            settings.readTimeout().toMillis(), settings.retryDelayMillis(), settings.downloadRetries(), settings.maxPackageBytes(),
            settings.minFreeBytes());
        UpdateJobs created = new UpdateJobs(settings, journal, new InstalledPackages(settings.workDir()), installer, health, notifications,
            new PackageFetch(PackageDownloader.of(settings), mqtt), context.getBundle(), bootId(), this::anyLinkUp, Clock.systemUTC());
        blocks = mqtt;
        jobs = created;
        if (settings.trustedKeys().isEmpty()) {
            LOG.warn("OTA: no trusted key configured ('trustedKeys' of io.outpost.ota): every package will be refused");
        }
        created.start();
    }

    @Deactivate
    void deactivate() {
        UpdateJobs j = jobs;
        if (j != null) {
            j.close();
        }
    }

    void bindUpstream(Upstream bound) {
        upstream = bound;
        UpdateJobs j = jobs;
        if (j != null) {
            j.reportIfUnreported();
        }
    }

    void unbindUpstream(Upstream unbound) {
        if (upstream == unbound) {
            upstream = null;
        }
    }

    UpdateJobs jobs() {
        return jobs;
    }

    /** Where the blocks of a download over MQTT go ({@link OtaBlockHandler}). */
    MqttBlockSource blocks() {
        return blocks;
    }

    @Override
    public Optional<OtaJob> currentJob() {
        return jobs.running().map(JobRecord::view);
    }

    @Override
    public Optional<OtaJob> lastJob() {
        return jobs.last().map(JobRecord::view);
    }

    @Override
    public List<InstalledPackage> installedPackages() {
        return jobs.installedPackages();
    }

    /** The shell's local install, for a caller that has a file (the web console's upload). */
    @Override
    public InstallRequest install(Path packageFile, String signatureText) {
        if (packageFile == null) {
            return InstallRequest.refused("no package file given");
        }
        if (!Files.isRegularFile(packageFile)) {
            return InstallRequest.refused("package file " + packageFile + " does not exist");
        }
        return jobs.installFile(packageFile, signatureText == null ? "" : signatureText);
    }

    private boolean anyLinkUp() {
        for (Link link : links) {
            try {
                if (link.state() == LinkState.UP) {
                    return true;
                }
            } catch (RuntimeException e) {
                // a link going away while asked
            }
        }
        return false;
    }

    /** The client id of NOTIFY topics: configured, else the MQTT link's, else the link's default. */
    String notifyClientId() {
        if (!clientId.isEmpty()) {
            return clientId;
        }
        ConfigurationAdmin admin = configurationAdmin;
        if (admin != null) {
            try {
                Configuration[] configurations = admin.listConfigurations("(service.pid=io.outpost.link.mqtt)");
                if (configurations != null && configurations.length > 0) {
                    Dictionary<String, Object> properties = configurations[0].getProperties();
                    Object id = properties == null ? null : properties.get("clientId");
                    if (id != null && !id.toString().isBlank()) {
                        return id.toString().strip();
                    }
                }
            } catch (IOException | org.osgi.framework.InvalidSyntaxException | RuntimeException e) {
                LOG.debug("OTA: cannot read the MQTT link's client id: {}", e.getMessage());
            }
        }
        try {
            return "outpost-" + InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        } catch (IOException e) {
            return "outpost-gateway";
        }
    }

    private static Path home(BundleContext context) {
        String home = context.getProperty(HOME_PROPERTY);
        return Path.of(home == null || home.isBlank() ? "" : home.trim()).toAbsolutePath();
    }

    /** Which run of the JVM this is: its process id and start time. */
    private static String bootId() {
        return ProcessHandle.current().pid() + "@" + ManagementFactory.getRuntimeMXBean().getStartTime();
    }
}
