package io.outpost.hq.notify.gatewaysms;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost HQ SMS-through-a-gateway notifier",
    description = "Sends notifications as SMS through the modem of one gateway (OUTPOST-SMS-V1 over MQTT)")
@interface GatewaySmsConfig {

    /** The key is {@code outpost.hq.notifier}, so the value becomes the service property rules select by. */
    @AttributeDefinition(description = "The notifier's name in rules (\"notifier\": \"sms-gateway\")")
    String outpost_hq_notifier() default "sms-gateway";

    @AttributeDefinition(description = "The MQTT broker HQ and the gateway share: tcp://, ssl://")
    String brokerUri() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(description = "The account (first topic level) of the gateway")
    String account() default "outpost";

    @AttributeDefinition(description = "The client id of the gateway whose modem sends the texts")
    String gateway();

    @AttributeDefinition(description = "HQ's requester id: the gateway's dispatcher allows it (its hqClientId); also the MQTT client id, with a suffix")
    String requester() default "hq";

    @AttributeDefinition(required = false, description = "MQTT user name; empty: none")
    String username() default "";

    @AttributeDefinition(required = false, type = AttributeType.PASSWORD, description = "MQTT password")
    String password() default "";

    @AttributeDefinition(min = "5", max = "600", description = "Seconds to wait for the gateway's reply (its modem may take a minute)")
    int timeoutSeconds() default 90;
}
