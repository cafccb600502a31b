package io.outpost.hq.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost HQ retention", description = "How long and how much telemetry HQ keeps; "
        + "the oldest messages (with their samples and alarms) are deleted first, in small batches")
@interface RetentionConfig {

    @AttributeDefinition(min = "0", description = "Keep messages received in the last this many days; 0 keeps them whatever their age")
    long maxAgeDays() default 90;

    @AttributeDefinition(min = "0", description = "Keep at most this many samples (the table that grows); 0 sets no limit")
    long maxSamples() default 100_000_000L;

    @AttributeDefinition(min = "1", description = "Minutes between two retention runs")
    long intervalMinutes() default 60;

    @AttributeDefinition(min = "0", max = "86400", description = "Seconds after start before the first run")
    long firstRunSeconds() default 60;

    @AttributeDefinition(min = "1", max = "100000", description = "Messages deleted per statement (one short transaction each)")
    int batchSize() default 250;

    @AttributeDefinition(min = "0", max = "60000", description = "Pause between two batches, in milliseconds, so ingest gets the database in between")
    long batchPauseMillis() default 20;
}
