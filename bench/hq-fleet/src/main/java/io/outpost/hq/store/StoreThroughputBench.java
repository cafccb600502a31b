package io.outpost.hq.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.outpost.api.hq.DecodedPayload;
import io.outpost.api.hq.GatewayId;
import io.outpost.api.hq.IncomingMessage;
import io.outpost.api.hq.MessageClass;
import io.outpost.api.hq.Metric;

/**
 * Where ingest's time goes in the store: the real {@link JdbcIngestStore} on one thread, without MQTT, one message
 * per transaction ({@code store}) or batches ({@code storeAll}), with four samples per message or none (the message
 * row alone). In package io.outpost.hq.store to reach the package-private constructors. Arguments: JDBC URL,
 * batch size (1 = store one by one), messages, [bare|full], [gateways (100)]. Prints msg/s; asserts nothing.
 */
public final class StoreThroughputBench {

    private StoreThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int batch = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        boolean bare = args.length > 3 && args[3].equals("bare");
        int gateways = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        long epoch = System.currentTimeMillis(); // a new epoch per run: an old database's rows are no duplicates
        HqDatabase db = new HqDatabase(DatabaseSettings.of(url, "hq", "", 8, 10000));
        try {
            JdbcIngestStore store = new JdbcIngestStore(db);
            long msgid = 0;
            long t0 = System.nanoTime();
            for (int done = 0; done < n; done += batch) {
                List<IncomingMessage> messages = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++) {
                    msgid++;
                    Instant at = Instant.now();
                    List<Metric> metrics = bare ? List.of(new Metric("outpost.msgid", msgid))
                            : List.of(new Metric("temperature", 20.5), new Metric("pressure", 1001.0), new Metric("level", 3.5),
                                    new Metric("door", true), new Metric("outpost.msgid", msgid), new Metric("outpost.epoch", epoch));
                    messages.add(new IncomingMessage(new GatewayId("outpost", "gw-" + msgid % gateways), "sim1", MessageClass.DATA,
                            OptionalLong.of(epoch), OptionalLong.of(msgid), at, new DecodedPayload(Optional.of(at), metrics)));
                }
                if (batch == 1) {
                    store.store(messages.get(0));
                } else {
                    store.storeAll(messages);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%s, %s, %s, %d gateways: %.0f msg/s (%d messages in %.1f s)%n", url.startsWith("jdbc:h2") ? "H2" : "PostgreSQL",
                    batch == 1 ? "one transaction per message" : "batches of " + batch, bare ? "no samples" : "4 samples each", gateways,
                    n / seconds, n, seconds);
        } finally {
            db.close();
        }
    }
}
