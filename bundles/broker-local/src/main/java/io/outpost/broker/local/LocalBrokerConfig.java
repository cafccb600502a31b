package io.outpost.broker.local;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost local MQTT broker", description = "An MQTT 3.1.1 broker inside the runtime")
@interface LocalBrokerConfig {

    @AttributeDefinition(description = "Address to listen on; 127.0.0.1 keeps it private to this machine")
    String host() default "127.0.0.1";

    @AttributeDefinition(min = "1", max = "65535", description = "MQTT port")
    int port() default 1883;

    @AttributeDefinition(description = "Accept clients without user name and password")
    boolean allowAnonymous() default true;

    @AttributeDefinition(min = "1024", description = "Largest message accepted, in bytes")
    int maxMessageBytes() default 262144;

    @AttributeDefinition(description = "Start the broker on a thread of its own, so that the bundles started after it "
        + "do not wait for it (clients must retry a refused first connection; the MQTT link does)")
    boolean startInBackground() default false;
}
