package io.outpost.request.dispatcher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.profile.ControlMessage;
import io.outpost.api.request.RequestDispatcher;
import io.outpost.api.request.RequestHandler;
import io.outpost.api.request.Response;
import io.outpost.api.upstream.Upstream;

/**
 * The {@link RequestDispatcher} service: the whiteboard of {@link RequestHandler}s by their
 * {@link RequestHandler#APP_ID}, the allow-lists, the audit file, and the Gogo command {@code outpost:requests}.
 * Runs with its defaults when unconfigured; a refused configuration leaves no dispatcher (requests then go
 * unanswered and are counted by the link).
 */
@Component(configurationPid = "io.outpost.request.dispatcher", configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
    service = RequestDispatcher.class, property = {"osgi.command.scope=outpost", "osgi.command.function=requests",
        "osgi.command.function=call"})
@Designate(ocd = RequestDispatcherConfig.class)
public final class RequestDispatcherComponent implements RequestDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcherComponent.class);
    static final String HOME_PROPERTY = "outpost.home";

    private final HandlerRegistry handlers = new HandlerRegistry();
    private final RequestCounters counters = new RequestCounters();
    private final Authorization authorization;
    private final RotatingAuditFile audit;
    private final RequestRouter router;

    @Activate
    public RequestDispatcherComponent(RequestDispatcherConfig config, BundleContext context, @Reference Upstream upstream) {
        this.authorization = Authorization.parse(config.hqClientId().trim(), config.allow());
        if (config.auditMaxBytes() < 4096 || config.auditKeep() < 1 || config.auditKeep() > 100) {
            throw new IllegalArgumentException("request dispatcher: 'auditMaxBytes' must be at least 4096 and 'auditKeep' 1-100, got "
                + config.auditMaxBytes() + " and " + config.auditKeep());
        }
        String home = context.getProperty(HOME_PROPERTY);
        Path file = Path.of(home == null || home.isBlank() ? "" : home.trim()).toAbsolutePath().resolve(config.auditFile().trim());
        this.audit = new RotatingAuditFile(file, config.auditMaxBytes(), config.auditKeep());
        this.router = new RequestRouter(handlers, authorization, upstream, Clock.systemUTC(), counters, audit);
        LOG.info("request dispatcher: HQ is '{}', audit in {}", config.hqClientId().trim(), file);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeHandler")
    void addHandler(RequestHandler handler, Map<String, Object> properties) {
        Object appId = properties.get(RequestHandler.APP_ID);
        if (!(appId instanceof String id) || !handlers.add(id, handler)) {
            LOG.warn("request handler {} ignored: its '{}' property '{}' is not one topic level", handler.getClass().getName(),
                RequestHandler.APP_ID, appId);
        }
    }

    void removeHandler(RequestHandler handler, Map<String, Object> properties) {
        if (properties.get(RequestHandler.APP_ID) instanceof String id) {
            handlers.remove(id, handler);
        }
    }

    @Deactivate
    void deactivate() {
        audit.close();
    }

    @Override
    public void dispatch(ControlMessage message) {
        dispatch(message, AuditEntry.VIA_MQTT);
    }

    @Override
    public void dispatch(ControlMessage message, String via) {
        try {
            router.dispatch(message, via == null || !TopicLevel.isValid(via) ? "other" : via);
        } catch (RuntimeException e) {
            counters.countUnanswerable();
            LOG.warn("request dispatch failed: {}", e.toString());
        }
    }

    /**
     * Gogo {@code outpost:call <APP-ID> <VERB> <resource> [body...]}: the local twin of every remote API. Calls
     * the same handler a remote request reaches, with the same parsing and codes, and prints the code, the
     * message and the body. The body words are joined by spaces (quote JSON in single quotes).
     */
    public String call(String appId, String verb, String resource, String... body) {
        String topic = appId + "/" + verb + (resource.isEmpty() || resource.equals("-") ? "" : "/" + resource);
        Optional<ControlTopic> parsed = ControlTopic.parse(topic);
        if (parsed.isEmpty() || !TopicLevel.isValid(appId)) {
            return "not a request: '" + AuditEntry.printable(topic) + "' (APP-ID VERB resource/path [body])\n";
        }
        Response response = router.callLocally(parsed.get(),
            String.join(" ", body).getBytes(StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder().append(response.code());
        if (!response.message().isEmpty()) {
            out.append(' ').append(response.message());
        }
        out.append('\n');
        if (response.body().length > 0) {
            out.append(new String(response.body(), StandardCharsets.UTF_8)).append('\n');
        }
        return out.toString();
    }

    /** Gogo {@code outpost:requests}: the app ids, who may call them, and the counters. */
    public String requests() {
        return new RequestReport(handlers.appIds(), authorization, counters, audit.failures()).toString();
    }
}
