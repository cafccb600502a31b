package io.outpost.request.compact;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Requests over SMS and SBD",
    description = "Authenticated compact commands '<request-id> <APP-ID>/<VERB>/<resource> [body]' become requests to the dispatcher")
@interface CompactRequestConfig {

    @AttributeDefinition(description = "The requester.client.id of these requests: the allow-lists apply to it and the reply goes to its "
        + "REPLY topic. The frames are sealed with the key shared with HQ, so this is HQ's client id.")
    String requester() default "hq";

    @AttributeDefinition(min = "1", max = "1024", description = "Commands waiting for the request thread; more are dropped and counted")
    int queue() default 16;
}
