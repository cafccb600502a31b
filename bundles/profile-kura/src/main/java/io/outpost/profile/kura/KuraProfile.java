package io.outpost.profile.kura;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

import io.outpost.api.data.Value;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.profile.CloudProfile;
import io.outpost.api.profile.ControlDecoding;
import io.outpost.api.profile.EncodedMessage;
import io.outpost.api.profile.GatewayIdentity;

/**
 * The {@code kura} cloud profile: Kura/Kapua topics and KuraPayload messages (see docs/protocol.md). Runs with
 * its defaults when unconfigured; a refused configuration (bad controlPrefix or encoding) leaves no profile, so
 * the links wait rather than publish in an unintended shape.
 */
@Component(configurationPid = "io.outpost.profile.kura", configurationPolicy = ConfigurationPolicy.OPTIONAL,
    property = CloudProfile.ID + "=kura")
@Designate(ocd = KuraProfileConfig.class)
public final class KuraProfile implements CloudProfile {

    private final BundleContext context;
    private final KuraMessages messages;
    private final BirthAnnouncer announcer;
    private final ScheduledExecutorService timer;
    private final ControlDecoder controls;
    private final RequestAppIds requestApps;
    private final ModemIdentities modems;

    @Activate
    public KuraProfile(KuraProfileConfig config, BundleContext context) {
        KuraSettings settings = KuraSettings.from(config);
        this.controls = new ControlDecoder(settings.controlPrefix(), RequestLimits.from(config));
        this.context = context;
        RequestAppIds[] handlers = new RequestAppIds[1];
        ModemIdentities[] modem = new ModemIdentities[1];
        Supplier<InstalledApps> apps = () -> InstalledApps.of(context.getBundles(), handlers[0] == null ? java.util.List.of() : handlers[0].appIds());
        Bundle framework = context.getBundle(0);
        DeviceProfile device = DeviceProfile.read(settings, Path.of("/"), System.getProperties(), framework.getSymbolicName(),
            framework.getVersion().toString(), context.getBundle().getVersion().toString());
        Supplier<Map<String, String>> modemMetrics = () -> modem[0] == null ? Map.of() : modem[0].birthMetrics();
        this.messages = new KuraMessages(settings, device, apps, modemMetrics, Clock.systemUTC(),
            () -> ManagementFactory.getRuntimeMXBean().getUptime());
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "outpost-kura-birth");
            t.setDaemon(true);
            return t;
        });
        // what the birth says besides the uptime: announced again when it changes
        this.announcer = new BirthAnnouncer(() -> java.util.List.of(apps.get(), modemMetrics.get()), settings.birthDebounceMillis(), timer);
        context.addBundleListener(announcer);
        this.requestApps = new RequestAppIds(context, announcer::changed);
        handlers[0] = requestApps;
        requestApps.open();
        this.modems = new ModemIdentities(context, announcer::changed);
        modem[0] = modems;
        modems.open();
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(announcer);
        requestApps.close();
        modems.close();
        timer.shutdownNow();
    }

    @Override
    public EncodedMessage encode(GatewayIdentity gateway, OutboundMessage message) {
        return messages.encode(gateway, message);
    }

    @Override
    public EncodedMessage birth(GatewayIdentity gateway, Map<String, Value> connectionMetrics) {
        return messages.birth(gateway, connectionMetrics);
    }

    @Override
    public EncodedMessage disconnect(GatewayIdentity gateway) {
        return messages.disconnect(gateway);
    }

    @Override
    public EncodedMessage lastWill(GatewayIdentity gateway) {
        return messages.lastWill(gateway);
    }

    @Override
    public String controlTopicFilter(GatewayIdentity gateway) {
        return messages.controlTopicFilter(gateway);
    }

    @Override
    public EncodedMessage apps(GatewayIdentity gateway, Map<String, Value> connectionMetrics) {
        return messages.apps(gateway, connectionMetrics);
    }

    @Override
    public ControlDecoding decodeControl(GatewayIdentity gateway, String topic, byte[] payload) {
        return controls.decode(gateway, topic, payload);
    }

    @Override
    public AutoCloseable onBirthChange(Runnable listener) {
        return announcer.subscribe(listener);
    }
}
