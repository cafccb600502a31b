package io.outpost.hq.ingest.compact;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost HQ: a gateway's compact-frame key",
    description = "One gateway that sends compact frames over SMS or SBD: its numeric id in the frames, its key, and the gateway it is in HQ's registry")
@interface CompactGatewayConfig {

    @AttributeDefinition(min = "1", max = "4294967295", description = "The gatewayId the gateway's cellular and satellite links are configured with")
    long gatewayId();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The same base64 key as the gateway's links (16, 24 or 32 bytes)")
    String key();

    @AttributeDefinition(description = "The gateway in HQ's registry, <account>/<client-id> as its MQTT link names it, e.g. outpost/gw-1")
    String gateway();
}
