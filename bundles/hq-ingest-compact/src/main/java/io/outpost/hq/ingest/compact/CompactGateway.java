package io.outpost.hq.ingest.compact;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.outpost.api.hq.GatewayId;
import io.outpost.codec.compact.Bearer;
import io.outpost.codec.compact.Direction;
import io.outpost.codec.compact.FrameOpener;
import io.outpost.codec.compact.GatewayKey;
import io.outpost.codec.compact.OpenedFrame;
import io.outpost.codec.compact.ReplayWindow;

/**
 * One gateway's key (factory configuration {@code io.outpost.hq.compact.gateway~<name>.cfg}). A frame is opened
 * without a replay window of HQ's own: the database refuses a replayed frame as a duplicate of the message stored
 * under its sequence, and a frame whose store failed can be posted again (a window would have taken its sequence).
 */
@Component(service = CompactGateway.class, configurationPid = "io.outpost.hq.compact.gateway", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = CompactGatewayConfig.class, factory = true)
public final class CompactGateway {

    private final long id;
    private final GatewayId gateway;
    private final GatewayKey key;

    @Activate
    public CompactGateway(CompactGatewayConfig config) {
        this(config.gatewayId(), config.key(), config.gateway());
    }

    CompactGateway(long id, String key, String gateway) {
        String name = "hq compact gateway " + id + ": ";
        if (id < 1 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + "'gatewayId' must be 1-4294967295");
        }
        GatewayKey k;
        try {
            k = GatewayKey.of(id, key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + "'key': " + e.getMessage(), e);
        }
        String[] parts = gateway == null ? new String[0] : gateway.strip().split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException(name + "'gateway' must be <account>/<client-id>, got '" + gateway + "'");
        }
        this.id = id;
        this.gateway = new GatewayId(parts[0], parts[1]);
        this.key = k;
    }

    long id() {
        return id;
    }

    GatewayId gateway() {
        return gateway;
    }

    OpenedFrame open(Bearer bearer, byte[] frame) {
        return new FrameOpener(key, Direction.UPLINK, bearer, new ReplayWindow(0)).open(frame);
    }
}
