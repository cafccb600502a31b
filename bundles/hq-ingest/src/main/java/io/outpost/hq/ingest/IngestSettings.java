package io.outpost.hq.ingest;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The checked ingest configuration; {@link #of} refuses a bad one naming each wrong field. */
record IngestSettings(String brokerUri, String clientId, String username, String password, String sharedGroup,
        String controlPrefix, int maxPayloadBytes, int maxInflatedBytes, double ratePerGateway, int rateBurst, int problemLogSeconds,
        int batchSize, int consumers) {

    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    static IngestSettings of(IngestConfig c) {
        List<String> errors = new ArrayList<>();
        try {
            URI uri = new URI(c.brokerUri());
            if (!("tcp".equals(uri.getScheme()) || "ssl".equals(uri.getScheme())) || uri.getHost() == null) {
                errors.add("'brokerUri' " + c.brokerUri() + " is not tcp://host:port or ssl://host:port");
            }
        } catch (Exception e) {
            errors.add("'brokerUri' " + c.brokerUri() + " is not a URI");
        }
        if (!c.sharedGroup().isEmpty() && !GROUP.matcher(c.sharedGroup()).matches()) {
            errors.add("'sharedGroup' " + c.sharedGroup() + " must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (c.controlPrefix().isEmpty() || c.controlPrefix().matches(".*[/+#].*")) {
            errors.add("'controlPrefix' " + c.controlPrefix() + " must be one topic level");
        }
        if (c.maxPayloadBytes() < 64) {
            errors.add("'maxPayloadBytes' " + c.maxPayloadBytes() + " is below 64");
        }
        if (c.maxInflatedBytes() < 64) {
            errors.add("'maxInflatedBytes' " + c.maxInflatedBytes() + " is below 64");
        }
        if (!(c.ratePerGateway() >= 0)) {
            errors.add("'ratePerGateway' " + c.ratePerGateway() + " is below 0");
        }
        if (c.rateBurst() < 1) {
            errors.add("'rateBurst' " + c.rateBurst() + " is below 1");
        }
        if (c.problemLogSeconds() < 1) {
            errors.add("'problemLogSeconds' " + c.problemLogSeconds() + " is below 1");
        }
        if (c.batchSize() < 1 || c.batchSize() > 10_000) {
            errors.add("'batchSize' " + c.batchSize() + " is out of range 1-10000");
        }
        if (c.consumers() < 1 || c.consumers() > 16) {
            errors.add("'consumers' " + c.consumers() + " is out of range 1-16");
        } else if (c.consumers() > 1 && c.sharedGroup().isEmpty()) {
            errors.add("'consumers' " + c.consumers() + " needs 'sharedGroup': without it every connection would get every message");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("hq ingest: " + String.join("; ", errors));
        }
        String clientId = c.clientId().isBlank() ? "outpost-hq-" + hostName() : c.clientId();
        return new IngestSettings(c.brokerUri(), clientId, c.username(), c.password(), c.sharedGroup(), c.controlPrefix(),
                c.maxPayloadBytes(), c.maxInflatedBytes(), c.ratePerGateway(), c.rateBurst(), c.problemLogSeconds(),
                c.batchSize(), c.consumers());
    }

    /**
     * The subscriptions of connection {@code index} (0 is the first): the data of every gateway, shared with
     * {@code $share/<group>/} when a group is set; and on the first connection only, the lifecycle topics, never
     * shared. Mosquitto 2.0.11 (Debian 12) delivers no topic that starts with '$' to a shared subscription
     * (checked with mosquitto_sub), so every instance takes every BIRTH, APPS, DC and LWT; their registry writes are
     * idempotent, so two instances writing the same one agree.
     */
    List<String> topicFilters(int index) {
        String data = (sharedGroup.isEmpty() ? "" : "$share/" + sharedGroup + "/") + "+/+/#";
        return index == 0 ? List.of(data, controlPrefix + "/+/+/MQTT/#") : List.of(data);
    }

    /** The MQTT client ids of this instance's connections: clientId, then clientId-2, clientId-3, ... */
    List<String> consumerClientIds() {
        List<String> ids = new ArrayList<>(consumers);
        ids.add(clientId);
        for (int k = 2; k <= consumers; k++) {
            ids.add(clientId + "-" + k);
        }
        return ids;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9.-]", "-");
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
