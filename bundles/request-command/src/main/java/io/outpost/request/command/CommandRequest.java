package io.outpost.request.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.outpost.api.data.Value;

/**
 * A CMD-V1 request read from Kura's metrics: {@code command.command}, {@code command.argument0..n} (up to the first
 * missing or empty one, as Kura), {@code command.password}, {@code command.timeout} (seconds). What Outpost does not
 * do is refused rather than ignored: {@code command.run.async}, {@code command.working.directory},
 * {@code command.environment.pair*}, {@code command.stdin} and a body (Kura's zip). Immutable.
 */
record CommandRequest(String command, List<String> arguments, String password, Optional<Integer> timeoutSeconds) {

    static final int MAX_ARGUMENTS = 64;
    static final int MAX_ARGUMENT_CHARS = 4096;

    /** @throws IllegalArgumentException naming the metric */
    static CommandRequest of(Map<String, Value> metrics, byte[] body) {
        String command = text(metrics, "command.command").orElse("");
        if (command.isBlank()) {
            throw new IllegalArgumentException("metric 'command.command' (string) is required");
        }
        List<String> args = new ArrayList<>();
        for (int i = 0; ; i++) {
            Optional<String> a = text(metrics, "command.argument" + i);
            if (a.isEmpty() || a.get().isEmpty()) {
                break;
            }
            if (i >= MAX_ARGUMENTS) {
                throw new IllegalArgumentException("more than " + MAX_ARGUMENTS + " command.argument metrics");
            }
            if (a.get().length() > MAX_ARGUMENT_CHARS || a.get().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("metric 'command.argument" + i + "' is longer than " + MAX_ARGUMENT_CHARS + " or holds a NUL");
            }
            args.add(a.get());
        }
        if (metrics.get("command.run.async") instanceof Value.BooleanValue async && async.value()) {
            throw new IllegalArgumentException("metric 'command.run.async': asynchronous commands are not supported");
        }
        if (text(metrics, "command.working.directory").filter(s -> !s.isEmpty()).isPresent()) {
            throw new IllegalArgumentException("metric 'command.working.directory': the working directory is set by the gateway's configuration");
        }
        if (metrics.keySet().stream().anyMatch(k -> k.startsWith("command.environment.pair"))) {
            throw new IllegalArgumentException("metric 'command.environment.pair*': the environment is not set by requests");
        }
        if (metrics.containsKey("command.stdin")) {
            throw new IllegalArgumentException("metric 'command.stdin': commands get no input");
        }
        if (body.length > 0) {
            throw new IllegalArgumentException("body: files (Kura's zip) are not accepted");
        }
        Optional<Integer> timeout = Optional.empty();
        Value t = metrics.get("command.timeout");
        if (t instanceof Value.Int32Value i) {
            timeout = Optional.of(i.value());
        } else if (t instanceof Value.Int64Value l) {
            timeout = Optional.of((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, l.value())));
        } else if (t != null) {
            throw new IllegalArgumentException("metric 'command.timeout' must be an integer (seconds)");
        }
        return new CommandRequest(command.trim(), List.copyOf(args), text(metrics, "command.password").orElse(""), timeout);
    }

    private static Optional<String> text(Map<String, Value> metrics, String name) {
        Value v = metrics.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Value.StringValue s) {
            return Optional.of(s.value());
        }
        throw new IllegalArgumentException("metric '" + name + "' must be a string");
    }
}
