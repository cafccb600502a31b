package io.outpost.hq.ingest;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost HQ ingest", description = "The MQTT subscription that receives the gateways' messages")
@interface IngestConfig {

    @AttributeDefinition(description = "Broker URI: tcp://host:port or ssl://host:port (the embedded broker by default)")
    String brokerUri() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(description = "MQTT client id of this HQ instance; empty for outpost-hq-<host name>. Each instance needs its own")
    String clientId() default "";

    @AttributeDefinition(description = "User name at the broker; empty for none")
    String username() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password at the broker")
    String password() default "";

    @AttributeDefinition(description = "Shared subscription group: when set, HQ subscribes with $share/<group>/ so that "
            + "several HQ instances split the messages; empty for a plain subscription")
    String sharedGroup() default "";

    @AttributeDefinition(description = "The kura profile's control prefix (the gateways' controlPrefix)")
    String controlPrefix() default "$EDC";

    @AttributeDefinition(min = "64", description = "Largest payload accepted, in bytes, as received")
    int maxPayloadBytes() default 262144;

    @AttributeDefinition(min = "64", description = "Largest payload after gzip inflation, in bytes")
    int maxInflatedBytes() default 1048576;

    @AttributeDefinition(min = "0", description = "Messages per second sustained per gateway; more are dropped and counted")
    double ratePerGateway() default 200;

    @AttributeDefinition(min = "1", description = "Messages a gateway may send at once above its rate (a replay after an outage)")
    int rateBurst() default 2000;

    @AttributeDefinition(min = "1", description = "Seconds between two log lines about the same kind of problem")
    int problemLogSeconds() default 60;

    @AttributeDefinition(min = "1", max = "10000", description = "Most messages written in one transaction; a batch is whatever "
            + "arrived while the previous one was written, so this is only the ceiling")
    int batchSize() default 500;

    @AttributeDefinition(min = "1", max = "16", description = "MQTT connections of this instance (client ids <clientId>, "
            + "<clientId>-2, ...). More than one needs sharedGroup: the broker spreads the messages over them, and each has its own "
            + "in-flight window")
    int consumers() default 1;
}
