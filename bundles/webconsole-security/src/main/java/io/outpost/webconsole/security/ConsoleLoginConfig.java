package io.outpost.webconsole.security;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost web console login",
    description = "The operator account of the web console, its session timeout and the failed-login throttle")
@interface ConsoleLoginConfig {

    @AttributeDefinition(description = "User name of the operator account")
    String user() default "admin";

    @AttributeDefinition(description = "Password as pbkdf2-sha256:<iterations>:<salt>:<hash> (Gogo: outpost:consolepassword)."
        + " Empty: the password generated on first start (see passwordFile)")
    String passwordHash() default "";

    @AttributeDefinition(description = "Where a generated password is written once, relative to the gateway folder")
    String passwordFile() default "data/webconsole/initial-password";

    @AttributeDefinition(description = "Where the hash of a generated password is kept, relative to the gateway folder")
    String hashFile() default "data/webconsole/password.pbkdf2";

    @AttributeDefinition(min = "1", max = "1440", description = "Minutes without a request after which a session ends")
    int sessionTimeoutMinutes() default 15;

    @AttributeDefinition(min = "1", max = "100", description = "Failed logins in a row from one address before it is locked out")
    int maxFailures() default 5;

    @AttributeDefinition(min = "1", max = "3600", description = "Seconds of the first lock-out; each further one doubles, up to an hour")
    int lockoutSeconds() default 60;
}
