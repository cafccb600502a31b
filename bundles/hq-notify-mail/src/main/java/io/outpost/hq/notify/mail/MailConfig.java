package io.outpost.hq.notify.mail;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost HQ e-mail notifier", description = "Sends notifications as e-mail over SMTP, or into a local file")
@interface MailConfig {

    /** The key is {@code outpost.hq.notifier}, so the value becomes the service property rules select by. */
    @AttributeDefinition(description = "The notifier's name in rules (\"notifier\": \"mail\")")
    String outpost_hq_notifier() default "mail";

    @AttributeDefinition(description = "SMTP server host name; ignored when logFile is set")
    String host() default "localhost";

    @AttributeDefinition(min = "1", max = "65535", description = "SMTP port: 587 for STARTTLS, 465 for TLS, 25 plain")
    int port() default 587;

    @AttributeDefinition(description = "starttls (required), tls (implicit, port 465) or none (a local relay)")
    String security() default "starttls";

    @AttributeDefinition(description = "SMTP user; empty: no authentication")
    String username() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "SMTP password")
    String password() default "";

    @AttributeDefinition(description = "From address")
    String from() default "outpost-hq@localhost";

    @AttributeDefinition(description = "Trust this server certificate host instead of checking the chain: '*' for any (tests only); empty: check")
    String trustHosts() default "";

    @AttributeDefinition(min = "100", description = "Connect, read and write timeout, in milliseconds")
    long timeoutMillis() default 10000;

    @AttributeDefinition(description = "When set, mails are appended to this file (relative to the HQ folder) instead of sent over SMTP")
    String logFile() default "";
}
