package io.outpost.hq.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost HQ fleet silence", description = "When a gateway that stopped talking without a DC or LWT becomes unknown")
@interface SilenceConfig {

    @AttributeDefinition(min = "1", description = "Seconds of silence after which an online gateway becomes unknown")
    long unknownAfterSeconds() default 900;

    @AttributeDefinition(min = "1", description = "How often, in seconds, the registry looks for silent gateways")
    long sweepSeconds() default 30;
}
