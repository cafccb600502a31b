package io.outpost.request.outpost;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost SMS through the modem (OUTPOST-SMS-V1)",
    description = "HQ asks the gateway to send a text message through its cellular modem, e.g. to notify people where HQ has no SMS provider")
@interface SmsHandlerConfig {

    @AttributeDefinition(required = false, description = "The phone numbers a text may go to, exactly as requested (e.g. +491701234567); "
        + "empty: none (every request is refused with 403)")
    String[] allowedNumbers() default {};

    @AttributeDefinition(min = "1", max = "1000", description = "Texts sent in any hour at most; beyond that 503 until the hour has passed")
    int maxPerHour() default 30;

    @AttributeDefinition(min = "5", max = "300", description = "Seconds to wait for the modem to accept a text before answering 503 "
        + "(it may still go out later)")
    int timeoutSeconds() default 60;
}
