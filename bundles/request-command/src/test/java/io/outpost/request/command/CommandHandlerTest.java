package io.outpost.request.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.outpost.api.data.Value;
import io.outpost.api.request.Request;
import io.outpost.api.request.Response;
import io.outpost.api.request.Verb;

/** Real processes (/bin/echo, /bin/sleep, /usr/bin/seq), no Gogo (the itests run those in a framework). */
class CommandHandlerTest {

    @TempDir
    Path dir;

    private CommandHandler handler(Object... config) {
        Object[] all = new Object[config.length + 6];
        System.arraycopy(new Object[] {"enabled", true, "password", "correct-horse", "osCommands",
            new String[] {"/bin/echo", "/bin/sleep", "/usr/bin/seq", "/bin/false"}}, 0, all, 0, 6);
        System.arraycopy(config, 0, all, 6, config.length);
        CommandPolicy policy = CommandPolicy.of(Configs.of(all), dir.toString());
        return new CommandHandler(policy, null, new OsCommandRunner(policy.workingDirectory, policy.maxOutputBytes));
    }

    private static Request exec(String resource, Object... metrics) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("request.id", Value.of("r1"));
        m.put("requester.client.id", Value.of("hq"));
        m.put("command.password", Value.of("correct-horse"));
        for (int i = 0; i < metrics.length; i += 2) {
            m.put((String) metrics[i], metrics[i + 1] instanceof Value v ? v : Value.of((String) metrics[i + 1]));
        }
        return new Request("CMD-V1", Verb.EXEC, List.of(resource.split("/")), "hq", "r1", m, null);
    }

    private static String text(Response r, String metric) {
        return ((Value.StringValue) r.metrics().get(metric)).value();
    }

    @Test
    void anAllowListedExecutableRunsWithItsArgumentsAndNoShellReadsThem() {
        Response r = handler().handle(exec("command", "command.command", "echo", "command.argument0", "$(id) ; touch x", "command.argument1", "*"));
        assertEquals(200, r.code(), r.message());
        assertEquals("$(id) ; touch x *\n", text(r, "command.stdout"));
        assertEquals(Value.of(0), r.metrics().get("command.exit.code"));
        assertEquals(Value.of(false), r.metrics().get("command.timedout"));
        assertTrue(!Files.exists(dir.resolve("x")));
    }

    @Test
    void aCommandOffTheListOrAPathTrickIsRefusedWith403() {
        assertEquals(403, handler().handle(exec("command", "command.command", "sh", "command.argument0", "-c")).code());
        assertEquals(403, handler().handle(exec("command", "command.command", "/bin/../bin/sh")).code());
        assertEquals(403, handler().handle(exec("command", "command.command", "/usr/local/bin/echo")).code());
    }

    @Test
    void aWrongOrMissingPasswordIs403AndNothingRuns() {
        Map<String, Value> m = new LinkedHashMap<>(exec("command", "command.command", "echo").metrics());
        m.put("command.password", Value.of("wrong"));
        assertEquals(403, handler().handle(new Request("CMD-V1", Verb.EXEC, List.of("command"), "hq", "r", m, null)).code());
        m.remove("command.password");
        assertEquals(403, handler().handle(new Request("CMD-V1", Verb.EXEC, List.of("command"), "hq", "r", m, null)).code());
    }

    @Test
    void theTimeoutKillsTheCommandAndSaysSo() {
        long start = System.nanoTime();
        Response r = handler("timeoutSeconds", 1).handle(exec("command", "command.command", "sleep", "command.argument0", "30"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, r.code());
        assertEquals(Value.of(true), r.metrics().get("command.timedout"));
        assertTrue(!r.metrics().containsKey("command.exit.code"));
        assertTrue(millis < 15_000, millis + " ms");
        Response shorter = handler("timeoutSeconds", 30).handle(exec("command", "command.command", "sleep", "command.argument0", "30",
            "command.timeout", Value.of(1)));
        assertEquals(Value.of(true), shorter.metrics().get("command.timedout"));
    }

    @Test
    void outputIsBoundedAndTheReplySaysItWasCut() {
        Response r = handler("maxOutputBytes", 256).handle(exec("command", "command.command", "seq", "command.argument0", "100000"));
        assertEquals(200, r.code());
        assertEquals(256, text(r, "command.stdout").length());
        assertEquals(Value.of(true), r.metrics().get("command.truncated"));
    }

    @Test
    void aNonZeroExitIs500AsInKura() {
        Response r = handler().handle(exec("command", "command.command", "/bin/false"));
        assertEquals(500, r.code());
        assertEquals(Value.of(1), r.metrics().get("command.exit.code"));
    }

    @Test
    void whatOutpostDoesNotDoIsRefusedNotIgnored() {
        assertEquals(400, handler().handle(exec("command")).code());
        assertEquals(400, handler().handle(exec("command", "command.command", "echo", "command.run.async", Value.of(true))).code());
        assertEquals(400, handler().handle(exec("command", "command.command", "echo", "command.working.directory", "/")).code());
        assertEquals(400, handler().handle(exec("command", "command.command", "echo", "command.environment.pair0", "LD_PRELOAD=/x")).code());
        assertEquals(400, handler().handle(exec("command", "command.command", "echo", "command.timeout", "soon")).code());
        assertEquals(404, handler().handle(exec("shell", "command.command", "echo")).code());
        assertEquals(400, handler().handle(exec("command/x", "command.command", "echo")).code());
    }

    @Test
    void configurationIsCheckedNamingTheField() {
        IllegalArgumentException weak = assertThrows(IllegalArgumentException.class,
            () -> CommandPolicy.of(Configs.of("enabled", true, "password", "short"), "/tmp"));
        assertTrue(weak.getMessage().contains("'password'"), weak.getMessage());
        IllegalArgumentException relative = assertThrows(IllegalArgumentException.class,
            () -> CommandPolicy.of(Configs.of("osCommands", new String[] {"bin/echo"}), "/tmp"));
        assertTrue(relative.getMessage().contains("'osCommands' entry 'bin/echo'"), relative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CommandPolicy.of(Configs.of("gogoCommands", new String[] {"lb; rm"}), "/tmp"));
        assertThrows(IllegalArgumentException.class, () -> CommandPolicy.of(Configs.of("timeoutSeconds", 0), "/tmp"));
        CommandPolicy fromCfg = CommandPolicy.of(Configs.of("osCommands", new String[] {"/bin/echo, /bin/sleep"}, "gogoCommands",
            new String[] {"outpost:conf,outpost:requests"}), "/tmp");
        assertEquals(java.util.List.of(Path.of("/bin/echo"), Path.of("/bin/sleep")), fromCfg.osCommands);
        assertEquals(java.util.Set.of("outpost:conf", "outpost:requests"), fromCfg.gogoCommands);
        CommandPolicy off = CommandPolicy.of(Configs.of(), "/tmp");
        assertTrue(!off.enabled);
        assertEquals(Duration.ofSeconds(10), off.timeout(java.util.Optional.of(3600)));
    }
}
