package io.outpost.hq.notify.sms;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost HQ SMS notifier", description = "Sends notifications as SMS through a provider's HTTP API")
@interface SmsConfig {

    /** The key is {@code outpost.hq.notifier}, so the value becomes the service property rules select by. */
    @AttributeDefinition(description = "The notifier's name in rules (\"notifier\": \"sms\")")
    String outpost_hq_notifier() default "sms";

    @AttributeDefinition(description = "The provider's http:// or https:// URL")
    String url();

    @AttributeDefinition(description = "Content-Type of the request: application/x-www-form-urlencoded or application/json")
    String contentType() default "application/x-www-form-urlencoded";

    @AttributeDefinition(description = "Request body; {to} (the rule's contact), {text}, {rule}, {kind} are filled in, encoded for the content type")
    String bodyTemplate() default "to={to}&text={text}";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Value of the Authorization header (e.g. Basic ..., Bearer ...); empty: none")
    String authorization() default "";

    @AttributeDefinition(min = "20", max = "1600", description = "Longest text sent; longer subjects are cut")
    int maxChars() default 459;

    @AttributeDefinition(min = "100", description = "Connect and answer timeout, in milliseconds")
    long timeoutMillis() default 5000;
}
