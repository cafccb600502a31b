package io.outpost.hq.shell;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.outpost.api.hq.token.ApiToken;
import io.outpost.api.hq.token.ApiTokens;
import io.outpost.api.hq.token.IssuedToken;

/**
 * {@code hq:token create <name>}, {@code hq:token list}, {@code hq:token revoke <name>}: the REST API's tokens.
 * The secret is printed once, at creation; HQ keeps only its hash.
 */
@Component(service = TokenCommands.class, property = {"osgi.command.scope=hq", "osgi.command.function=token"})
public final class TokenCommands {

    private static final String USAGE = "usage: hq:token create <name> | hq:token list | hq:token revoke <name>\n";

    private final ApiTokens tokens;

    @Activate
    public TokenCommands(@Reference ApiTokens tokens) {
        this.tokens = tokens;
    }

    public String token(String action) {
        if (action.equals("list")) {
            return list();
        }
        return USAGE;
    }

    public String token(String action, String name) {
        switch (action) {
            case "create":
                try {
                    IssuedToken issued = tokens.create(name);
                    return "created API token '" + issued.token().name() + "'; it is shown only now:\n" + issued.secret() + "\n";
                } catch (IllegalArgumentException e) {
                    return e.getMessage() + "\n";
                }
            case "revoke":
                Optional<ApiToken> revoked = tokens.revoke(name);
                return revoked.map(t -> "API token '" + t.name() + "' revoked at " + t.revoked().orElseThrow() + "\n")
                        .orElse("no API token named '" + name + "'\n");
            default:
                return USAGE;
        }
    }

    private String list() {
        List<ApiToken> all = tokens.list();
        if (all.isEmpty()) {
            return "no API token yet\n";
        }
        TextTable table = new TextTable("NAME", "CREATED", "LAST USED", "REVOKED");
        for (ApiToken t : all) {
            table.row(t.name(), t.created(), t.lastUsed().map(Instant::toString).orElse("-"),
                    t.revoked().map(Instant::toString).orElse("-"));
        }
        return table.toString();
    }
}
