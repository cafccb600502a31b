package io.outpost.itests.distribution;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The gateway as {@code distribution/gateway} ships it: exactly its boot/, bundle/ and deploy/ bundles at their start
 * levels, its framework properties and its default etc/, in Felix. Only two ports differ: the MQTT link goes to a real
 * Mosquitto this test starts, and the embedded broker moves to a free port (both are loopback-only).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GatewayDistributionIT {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final int EXAM_START_LEVEL = 3;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] gatewayAsShipped() throws IOException {
        AssembledGateway gateway = AssembledGateway.fromSystemProperty();
        Path work = Path.of(System.getProperty("outpost.exam.work"));
        int mosquittoPort = Mosquitto.start(work.resolve("mosquitto"));
        gateway.setConfiguration("io.outpost.link.mqtt.cfg", "brokerUrl", "tcp://127.0.0.1:" + mosquittoPort);
        if (Files.exists(gateway.etc().resolve("io.outpost.broker.local.cfg"))) {
            gateway.setConfiguration("io.outpost.broker.local.cfg", "port", Integer.toString(Mosquitto.freePort()));
        }

        List<Option> options = new ArrayList<>();
        options.add(workingDirectory(work.resolve("framework").toString()));
        options.add(cleanCaches(true));
        // what bin/outpost-gateway gives the JVM when stdin is not a terminal
        options.add(systemProperty("outpost.home").value(gateway.home().toString()));
        options.add(systemProperty("gosh.args").value("--nointeractive"));
        options.add(systemProperty("outpost.itest.mosquitto.port").value(Integer.toString(mosquittoPort)));
        gateway.frameworkProperties().forEach((key, value) -> options.add(frameworkProperty(key).value(value)));
        for (AssembledGateway.BundleFile file : gateway.frameworkBundles()) {
            options.add(bundle(file.url()).startLevel(file.startLevel())
                .start(file.start() && !AssembledGateway.isFragment(file.file())));
        }
        // deploy/ is left to FileInstall, as on a gateway. Pax Exam's own bundles start after the gateway's.
        options.add(frameworkStartLevel(5));
        options.add(systemProperty("pax.exam.invoker").value("junit"));
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("outpost.exam.bundles")))) {
            jars.sorted().forEach(jar -> options.add(bundle(jar.toUri().toString()).startLevel(EXAM_START_LEVEL)));
        }
        return options.toArray(Option[]::new);
    }

    @Test
    public void everyBundleOfTheDistributionIsActive() {
        Map<String, AssembledGateway.BundleFile> expected = AssembledGateway.fromSystemProperty().expectedBundles();
        List<String> problems = await(() -> bundleProblems(expected));
        if (!problems.isEmpty()) {
            fail(problems.size() + " of the distribution's " + expected.size() + " bundles are not running:\n  "
                + String.join("\n  ", withReasons(problems)));
        }
    }

    @Test
    public void everyComponentIsSatisfied() throws InterruptedException {
        ServiceTracker<ServiceComponentRuntime, ServiceComponentRuntime> tracker =
            new ServiceTracker<>(context, ServiceComponentRuntime.class, null);
        tracker.open();
        try {
            ServiceComponentRuntime scr = tracker.waitForService(SETTLE.toMillis());
            assertTrue("no ServiceComponentRuntime (SCR) service", scr != null);
            List<String> problems = await(() -> componentProblems(scr));
            if (!problems.isEmpty()) {
                fail(problems.size() + " DS components are not satisfied:\n  " + String.join("\n  ", problems));
            }
        } finally {
            tracker.close();
        }
    }

    @Test
    public void theDefaultPipelineDeliversASim1ReadingToMosquitto() throws IOException, InterruptedException {
        String port = System.getProperty("outpost.itest.mosquitto.port");
        // As HQ sees it: any client id, the default device's data topic (docs/protocol.md).
        Process subscriber = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", port,
            "-t", "outpost/+/data/sim1", "-C", "1", "-W", Long.toString(SETTLE.toSeconds()), "-F", "%t")
            .redirectErrorStream(true).start();
        boolean exited = subscriber.waitFor(SETTLE.toSeconds() + 5, TimeUnit.SECONDS);
        String output = new String(subscriber.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!exited) {
            subscriber.destroyForcibly();
        }
        assertTrue("no message on outpost/+/data/sim1 at Mosquitto 127.0.0.1:" + port + " within " + SETTLE.toSeconds()
            + " s (mosquitto_sub said: '" + output + "')", output.matches("outpost/[^/]+/data/sim1"));
    }

    /** Started bundles must be ACTIVE; fragments and bundles the gateway only installs must at least resolve. */
    private List<String> bundleProblems(Map<String, AssembledGateway.BundleFile> expected) {
        List<String> problems = new ArrayList<>();
        expected.forEach((name, file) -> {
            Bundle bundle = installed(name);
            boolean mustBeActive = file.start() && !AssembledGateway.isFragment(file.file());
            if (bundle == null) {
                problems.add(name + " (" + file.file().getFileName() + "): not installed");
            } else if (mustBeActive ? bundle.getState() != Bundle.ACTIVE
                : (bundle.getState() & (Bundle.RESOLVED | Bundle.ACTIVE | Bundle.STARTING)) == 0) {
                problems.add(name + " (" + file.file().getFileName() + "): " + stateName(bundle.getState()));
            }
        });
        return problems;
    }

    /** For a bundle that is only INSTALLED, the resolver's reason (a missing import, a missing capability). */
    private List<String> withReasons(List<String> problems) {
        List<String> explained = new ArrayList<>();
        for (String problem : problems) {
            String name = problem.substring(0, problem.indexOf(' '));
            Bundle bundle = installed(name);
            if (bundle != null && bundle.getState() == Bundle.INSTALLED && bundle.getHeaders().get("Fragment-Host") == null) {
                try {
                    bundle.start(Bundle.START_TRANSIENT);
                } catch (BundleException e) {
                    problem += ": " + e.getMessage();
                }
            }
            explained.add(problem);
        }
        return explained;
    }

    private static List<String> componentProblems(ServiceComponentRuntime scr) {
        List<String> problems = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            String name = description.name + " (bundle " + description.bundle.symbolicName + ")";
            if (!scr.isComponentEnabled(description)) {
                if (description.defaultEnabled) {
                    problems.add(name + ": disabled");
                }
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                switch (configuration.state) {
                    case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION ->
                        problems.add(name + ": unsatisfied configuration");
                    case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> {
                        List<String> references = Stream.of(configuration.unsatisfiedReferences)
                            .map(reference -> reference.name + " " + reference.target).toList();
                        problems.add(name + ": unsatisfied reference(s) " + references);
                    }
                    case ComponentConfigurationDTO.FAILED_ACTIVATION ->
                        problems.add(name + ": activation failed: " + configuration.failure);
                    default -> { }
                }
            }
        }
        return problems;
    }

    private Bundle installed(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED (not resolved)";
            case Bundle.RESOLVED -> "RESOLVED (not started)";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "state " + state;
        };
    }

    /** Polls until the list of problems is empty or the settle time is over; returns the last list. */
    private static List<String> await(Supplier<List<String>> problems) {
        Instant deadline = Instant.now().plus(SETTLE);
        List<String> last = problems.get();
        while (!last.isEmpty() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            last = problems.get();
        }
        return last;
    }
}
