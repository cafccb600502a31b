package io.outpost.outbox;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost outbox", description = "The durable store-and-forward queue between the gateway and its links")
@interface OutboxConfig {

    @AttributeDefinition(required = false, description = "Directory of the store (segments, epoch). A relative path is "
        + "resolved against the gateway home (framework or system property outpost.home, else the working directory); "
        + "empty means data/outbox. Kept outside the framework cache, so reinstalling the bundle or wiping cache/ keeps the messages")
    String directory() default OutboxSettings.DEFAULT_DIRECTORY;

    @AttributeDefinition(min = "65536", description = "Bytes of waiting messages the store may hold; when full, the oldest telemetry is dropped")
    long maxBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(min = "10", description = "Waiting messages the store may hold")
    long maxMessages() default 200_000;

    @AttributeDefinition(min = "1", max = "10000", description = "Group commit: appends are gathered this long (ms), then written and fsynced at once; send() is acknowledged DURABLE after that fsync")
    long fsyncIntervalMillis() default 100;

    @AttributeDefinition(min = "4096", description = "Size of one segment file in bytes")
    long segmentBytes() default 4L * 1024 * 1024;

    @AttributeDefinition(min = "1", description = "A delivery not confirmed within this many seconds is treated as failed and the message is sent again later")
    int deliveryTimeoutSeconds() default 30;
}
