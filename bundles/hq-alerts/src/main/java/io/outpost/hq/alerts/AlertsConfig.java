package io.outpost.hq.alerts;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost HQ alerts", description = "Alert rules, their evaluation and the sending of notifications")
@interface AlertsConfig {

    @AttributeDefinition(description = "Folder of rule files (*.json, one rule each); relative to the HQ folder")
    String ruleFolder() default "etc/alerts";

    @AttributeDefinition(min = "50", description = "How often new gateway alarms are read, in milliseconds")
    long alarmPollMillis() default 200;

    @AttributeDefinition(min = "100", description = "How often the HQ-side conditions and escalations are evaluated, in milliseconds")
    long evaluateMillis() default 5000;

    @AttributeDefinition(min = "50", description = "How often due notifications are looked for, in milliseconds")
    long dispatchMillis() default 200;

    @AttributeDefinition(description = "This instance's name in notification claims; empty: outpost-hq-<host name>")
    String instanceName() default "";

    @AttributeDefinition(description = "HQ's public base URL for acknowledgement links in e-mails, e.g. https://hq.example.org:8080; empty: no links")
    String publicUrl() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Secret that signs acknowledgement links (the same on every instance)")
    String ackSecret() default "";

    @AttributeDefinition(min = "1", max = "365", description = "Days an acknowledgement link in an e-mail stays valid")
    int ackLinkDays() default 7;

    @AttributeDefinition(min = "1", description = "Seconds before the first retry of a failed notification; doubled per failure up to an hour")
    long retrySeconds() default 5;

    @AttributeDefinition(min = "1", description = "Failed attempts after which a notification is given up (state dead)")
    int maxAttempts() default 12;

    @AttributeDefinition(min = "5", description = "Seconds a claimed notification is reserved for this instance's send")
    long leaseSeconds() default 60;
}
