package io.outpost.request.command;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.data.Value;
import io.outpost.api.request.Request;
import io.outpost.api.request.RequestHandler;
import io.outpost.api.request.Response;
import io.outpost.api.request.Verb;

/**
 * {@code CMD-V1 EXEC command}, registered by {@link CommandSwitch} only when switched on. Checks, in order: the
 * resource, the metrics ({@link CommandRequest}), the password (403), the allow-lists (403), a free slot (503);
 * then runs the command and replies with Kura's {@code command.stdout}, {@code command.stderr},
 * {@code command.exit.code}, {@code command.timedout}, plus {@code command.truncated}. As Kura: a non-zero exit is
 * 500 with stderr as the message, a timeout 200 with {@code command.timedout} true.
 */
final class CommandHandler implements RequestHandler {

    static final String APP_ID = "CMD-V1";
    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);

    private final CommandPolicy policy;
    private final GogoCommandRunner gogo;
    private final OsCommandRunner os;
    private final Semaphore slots;

    CommandHandler(CommandPolicy policy, GogoCommandRunner gogo, OsCommandRunner os) {
        this.policy = policy;
        this.gogo = gogo;
        this.os = os;
        this.slots = new Semaphore(policy.concurrentCommands);
    }

    @Override
    public Response handle(Request request) {
        if (request.verb() != Verb.EXEC || !request.resourcePath().equals("command")) {
            return request.resources().size() == 1 && request.verb() == Verb.EXEC
                ? Response.notFound("CMD-V1 has no EXEC " + request.resourcePath())
                : Response.badRequest("CMD-V1 has only EXEC command");
        }
        CommandRequest command;
        try {
            command = CommandRequest.of(request.metrics(), request.body());
        } catch (IllegalArgumentException e) {
            return Response.badRequest(e.getMessage());
        }
        if (!policy.passwordMatches(command.password())) {
            LOG.warn("CMD-V1: wrong command.password from '{}'", request.requester());
            return Response.error(Response.FORBIDDEN, "metric 'command.password' is wrong or missing");
        }
        boolean isGogo = policy.gogoCommands.contains(command.command());
        Optional<Path> executable = isGogo ? Optional.empty() : policy.osCommand(command.command());
        if (!isGogo && executable.isEmpty()) {
            return Response.error(Response.FORBIDDEN, "command '" + shorten(command.command()) + "' is not on the allow-list");
        }
        if (!slots.tryAcquire()) {
            return Response.error(Response.UNAVAILABLE, policy.concurrentCommands + " commands are running already");
        }
        Duration timeout = policy.timeout(command.timeoutSeconds());
        try {
            LOG.info("CMD-V1: '{}' runs {} with {} arguments", request.requester(), command.command(), command.arguments().size());
            CommandOutcome outcome = isGogo ? gogo.run(command.command(), command.arguments(), timeout)
                : os.run(executable.get(), command.arguments(), timeout);
            return reply(outcome);
        } catch (IOException e) {
            return Response.error(Response.INTERNAL_ERROR, "command '" + command.command() + "' could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.error(Response.UNAVAILABLE, "interrupted while the command ran");
        } finally {
            slots.release();
        }
    }

    static Response reply(CommandOutcome outcome) {
        Map<String, Value> metrics = new LinkedHashMap<>();
        metrics.put("command.stdout", Value.of(outcome.stdout()));
        metrics.put("command.stderr", Value.of(outcome.stderr()));
        outcome.exitCode().ifPresent(c -> metrics.put("command.exit.code", Value.of(c)));
        metrics.put("command.timedout", Value.of(outcome.timedOut()));
        metrics.put("command.truncated", Value.of(outcome.truncated()));
        if (outcome.exitCode().isPresent() && outcome.exitCode().getAsInt() != 0) {
            String message = outcome.stderr().isBlank() ? "exit code " + outcome.exitCode().getAsInt() : outcome.stderr();
            return new Response(Response.INTERNAL_ERROR, shorten(message.strip()), metrics, null);
        }
        return new Response(Response.OK, "", metrics, null);
    }

    private static String shorten(String s) {
        return s.length() <= 512 ? s : s.substring(0, 512) + "...";
    }
}
