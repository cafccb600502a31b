package io.outpost.request.command;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost remote commands (CMD-V1)", description = "Runs allow-listed commands for HQ. Off by default: "
    + "whoever can publish as HQ can then run these commands on the gateway (docs/remote-management.md)")
@interface CommandConfig {

    @AttributeDefinition(description = "Switch CMD-V1 on; off, the app id does not exist (404)")
    boolean enabled() default false;

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false, description = "The command.password every request must carry; "
        + "required (at least 8 characters) when enabled")
    String password() default "";

    @AttributeDefinition(required = false, description = "Gogo commands that may run, as scope:function (e.g. outpost:requests)")
    String[] gogoCommands() default {};

    @AttributeDefinition(required = false, description = "OS executables that may run, as absolute paths (e.g. /usr/bin/uptime); "
        + "a request names one by its path or its file name")
    String[] osCommands() default {};

    @AttributeDefinition(min = "1", max = "600", description = "Longest run in seconds; a request's command.timeout may only shorten it")
    int timeoutSeconds() default 10;

    @AttributeDefinition(min = "256", max = "1048576", description = "Bytes of stdout and of stderr kept each; the rest is dropped and the reply says so")
    int maxOutputBytes() default 65536;

    @AttributeDefinition(required = false, description = "Working directory of OS commands; empty: the gateway home (outpost.home)")
    String workingDirectory() default "";

    @AttributeDefinition(min = "1", max = "16", description = "Commands running at once; a request beyond it gets 503")
    int concurrentCommands() default 2;
}
