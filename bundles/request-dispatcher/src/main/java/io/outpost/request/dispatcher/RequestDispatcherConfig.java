package io.outpost.request.dispatcher;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost request dispatcher",
    description = "Who may send requests to which application id, and where requests are audited")
@interface RequestDispatcherConfig {

    @AttributeDefinition(description = "MQTT client id of HQ: the requester every app id allows unless 'allow' lists it")
    String hqClientId() default "hq";

    @AttributeDefinition(required = false, description = "Allow-lists, one entry per app id: APP-ID=client1,client2 "
        + "(replaces the default HQ client id for that app id; APP-ID= allows nobody)")
    String[] allow() default {};

    @AttributeDefinition(description = "Audit file, one line per answered request; relative paths are in the gateway home (outpost.home)")
    String auditFile() default "data/audit/requests.log";

    @AttributeDefinition(min = "4096", description = "Size in bytes at which the audit file is rotated")
    long auditMaxBytes() default 1048576;

    @AttributeDefinition(min = "1", max = "100", description = "Rotated audit files kept (requests.log.1 ... .N)")
    int auditKeep() default 5;
}
