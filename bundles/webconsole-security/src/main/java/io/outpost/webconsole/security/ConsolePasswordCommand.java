package io.outpost.webconsole.security;

import java.security.SecureRandom;

import org.osgi.service.component.annotations.Component;

/** Gogo {@code outpost:consolepassword <password>}: prints the hash to configure as the console's 'passwordHash'. */
@Component(service = ConsolePasswordCommand.class,
    property = {"osgi.command.scope=outpost", "osgi.command.function=consolepassword"})
public final class ConsolePasswordCommand {

    public String consolepassword(String password) {
        if (password.length() < 12) {
            return "refused: a console password needs at least 12 characters";
        }
        return "passwordHash=" + PasswordHash.of(password.toCharArray(), new SecureRandom()).written();
    }
}
