package io.outpost.hq.notify.webhook;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost HQ webhook notifier", description = "POSTs notifications as signed JSON to a URL")
@interface WebhookConfig {

    /** The key is {@code outpost.hq.notifier}, so the value becomes the service property rules select by. */
    @AttributeDefinition(description = "The notifier's name in rules (\"notifier\": \"webhook\")")
    String outpost_hq_notifier() default "webhook";

    @AttributeDefinition(description = "http:// or https:// URL that receives the POST")
    String url();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "HMAC-SHA256 key of the X-Outpost-Signature header (at least 16 characters)")
    String secret();

    @AttributeDefinition(min = "100", description = "Connect and answer timeout, in milliseconds")
    long timeoutMillis() default 5000;
}
