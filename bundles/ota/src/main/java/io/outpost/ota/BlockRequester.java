package io.outpost.ota;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.data.Value;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.Upstream;
import io.outpost.api.upstream.UpstreamMessage;

/**
 * Asks the requester of a job for one block of its package: {@code $EDC/<account>/<requester>/OTA-BLOCK-V1/GET/<client-id>}
 * with the metrics {@code client.id}, {@code job.id}, {@code dp.uri}, {@code offset} (int64) and {@code length} (int32).
 * Like the DEPLOY-V2 notifications it goes through the durable upstream as a {@link MessageClass#REPLY}: addressed to
 * the requester's control topic, which HQ already reads, and sent before its commit. Nothing is sent while no link
 * is up; a request lost on the way is asked again by {@link MqttBlockSource} after its timeout.
 */
final class BlockRequester implements MqttBlockSource.BlockAsker {

    static final String APP_ID = "OTA-BLOCK-V1";
    private static final Logger LOG = LoggerFactory.getLogger(BlockRequester.class);

    private final Supplier<Upstream> upstream;
    private final BooleanSupplier anyLinkUp;
    private final Supplier<String> clientId;
    private final Clock clock;

    /** @param upstream the upstream now, or null when there is none */
    BlockRequester(Supplier<Upstream> upstream, BooleanSupplier anyLinkUp, Supplier<String> clientId, Clock clock) {
        this.upstream = upstream;
        this.anyLinkUp = anyLinkUp;
        this.clientId = clientId;
        this.clock = clock;
    }

    @Override
    public boolean canAsk() {
        return upstream.get() != null && anyLinkUp.getAsBoolean();
    }

    @Override
    public boolean ask(long jobId, String requester, String uri, long offset, int length) {
        Upstream now = upstream.get();
        if (now == null || !anyLinkUp.getAsBoolean()) {
            LOG.debug("OTA: no link up to ask for the block at {} of job {}", offset, jobId);
            return false;  // asked when a link is back, or after the timeout
        }
        String id = clientId.get();
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("client.id", Value.of(id));
        m.put("job.id", Value.of(jobId));
        m.put("dp.uri", Value.of(uri));
        m.put("offset", Value.of(offset));
        m.put("length", Value.of(length));
        try {
            now.send(new UpstreamMessage(MessageClass.REPLY, requester + "/" + APP_ID + "/GET/" + id, clock.millis(), m));
            return true;
        } catch (RuntimeException e) {
            LOG.debug("OTA: the block request was not taken: {}", e.getMessage());
            return false;
        }
    }
}
