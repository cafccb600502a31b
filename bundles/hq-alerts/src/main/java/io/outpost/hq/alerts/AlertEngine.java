package io.outpost.hq.alerts;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.hq.alert.AckLinkCheck;
import io.outpost.api.hq.alert.Acknowledgement;
import io.outpost.api.hq.alert.AlertFilter;
import io.outpost.api.hq.alert.AlertRecord;
import io.outpost.api.hq.alert.AlertService;
import io.outpost.api.hq.alert.Notifier;
import io.outpost.api.hq.alert.RuleRecord;
import io.outpost.api.hq.alert.SilenceRecord;

/**
 * The alert engine of one HQ instance: it runs the watchers and the dispatcher on timers against HQ's database
 * and offers {@link AlertService}. It keeps no state that matters: stop it at any moment, start it (or a second
 * instance) again, and it carries on from the database.
 */
@Component(service = {AlertService.class, AlertEngine.class}, immediate = true, configurationPid = "io.outpost.hq.alerts")
@Designate(ocd = AlertsConfig.class)
public final class AlertEngine implements AlertService {

    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

    private final Map<String, Notifier> notifiers = new ConcurrentHashMap<>();
    private final AlertSettings settings;
    private final RuleBook rules;
    private final AckLinks links;
    private final AlarmWatcher alarms;
    private final ConditionWatcher conditions;
    private final Dispatcher dispatcher;
    private final AlertDesk desk;
    private final ScheduledExecutorService timers;
    private final ProblemOnce problems = new ProblemOnce();

    @Activate
    public AlertEngine(AlertsConfig config, @Reference(target = "(outpost.hq.database=hq)") DataSource db) throws SQLException {
        this(AlertSettings.of(config), db, Clock.systemUTC(), true);
    }

    /** {@code timed} false: nothing runs until {@link #evaluateNow()} (tests drive the clock). */
    AlertEngine(AlertSettings settings, DataSource db, Clock clock, boolean timed) throws SQLException {
        this.settings = settings;
        this.links = new AckLinks(settings.publicUrl(), settings.ackSecret(), settings.ackLinkValidity(), clock);
        this.rules = new RuleBook(new RuleFiles(settings.ruleFolder()), db, clock, 2000);
        Transitions transitions = new Transitions(links);
        this.alarms = new AlarmWatcher(db, transitions, clock);
        this.conditions = new ConditionWatcher(db, transitions, clock);
        this.dispatcher = new Dispatcher(db, clock, settings.instanceName(), settings.lease(), settings.retry(), settings.maxAttempts(),
                notifiers::get, links::link);
        this.desk = new AlertDesk(db, rules, clock);
        alarms.start();
        conditions.start();
        rules.rules();
        this.timers = Executors.newScheduledThreadPool(2, r -> new Thread(r, "outpost-hq-alerts"));
        if (timed) {
            schedule();
        }
        LOG.info("HQ alerts started as '{}': {} rule(s), rule folder {}", settings.instanceName(), rules.rules().size(),
                settings.ruleFolder().toAbsolutePath());
    }

    private void schedule() {
        timers.scheduleWithFixedDelay(this::alarmsAndDispatch, settings.alarmPoll().toMillis(), Math.min(settings.alarmPoll().toMillis(),
                settings.dispatch().toMillis()), TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::conditions, settings.evaluate().toMillis(), settings.evaluate().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Reference(service = Notifier.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addNotifier(Notifier notifier, Map<String, Object> properties) {
        Object name = properties.get(Notifier.NAME);
        if (name instanceof String n && !n.isBlank()) {
            notifiers.put(n, notifier);
        } else {
            LOG.warn("a Notifier service without the property {} is ignored", Notifier.NAME);
        }
    }

    void removeNotifier(Notifier notifier, Map<String, Object> properties) {
        notifiers.remove(String.valueOf(properties.get(Notifier.NAME)), notifier);
    }

    private void alarmsAndDispatch() {
        try {
            alarms.pass(rules.rules());
        } catch (SQLException | RuntimeException e) {
            problems.report(LOG, "reading gateway alarms", e);
        }
        dispatchNow();
    }

    private void conditions() {
        try {
            if (conditions.pass(rules.rules()) > 0) {
                timers.execute(this::dispatchNow);
            }
        } catch (SQLException | RuntimeException e) {
            problems.report(LOG, "evaluating alert conditions", e);
        }
    }

    private void dispatchNow() {
        try {
            dispatcher.dispatch(Set.copyOf(notifiers.keySet()));
        } catch (SQLException | RuntimeException e) {
            problems.report(LOG, "claiming notifications", e);
        }
    }

    /** Runs one evaluation of everything now (tests, and {@code hq:alerts --evaluate}). */
    void evaluateNow() throws SQLException {
        rules.changed();
        alarms.pass(rules.rules());
        conditions.pass(rules.rules());
        dispatcher.dispatch(Set.copyOf(notifiers.keySet()));
    }

    @Override
    @Deprecated
    public Acknowledgement acknowledgeByLink(long alertId, String signature) {
        if (!links.verifyUnexpiring(alertId, signature)) {
            return Acknowledgement.UNKNOWN_ALERT;
        }
        return desk.acknowledge(alertId, "mail-link");
    }

    @Override
    public AckLinkCheck checkAckLink(long alertId, long expires, String signature) {
        return links.check(alertId, expires, signature);
    }

    @Override
    public Acknowledgement acknowledgeByLink(long alertId, long expires, String signature) {
        if (links.check(alertId, expires, signature) != AckLinkCheck.GENUINE) {
            return Acknowledgement.UNKNOWN_ALERT;
        }
        return desk.acknowledge(alertId, "mail-link");
    }

    Map<java.nio.file.Path, String> refusedRuleFiles() {
        return rules.files().problems();
    }

    Set<String> notifierNames() {
        return Set.copyOf(notifiers.keySet());
    }

    @Override
    public List<AlertRecord> alerts(boolean openOnly, int limit) {
        return desk.alerts(openOnly, limit);
    }

    @Override
    public List<AlertRecord> alerts(AlertFilter filter, int limit) {
        return desk.alerts(filter, limit);
    }

    @Override
    public Optional<AlertRecord> alert(long alertId) {
        return desk.alert(alertId);
    }

    @Override
    public Acknowledgement acknowledge(long alertId, String by) {
        return desk.acknowledge(alertId, by);
    }

    @Override
    public List<RuleRecord> rules() {
        return desk.rules();
    }

    @Override
    public RuleRecord putRule(String json) {
        return desk.putRule(json);
    }

    @Override
    public boolean removeRule(String name) {
        return desk.removeRule(name);
    }

    @Override
    public SilenceRecord silence(String rule, String subjectPrefix, Instant from, Instant until, String reason, String createdBy) {
        return desk.silence(rule, subjectPrefix, from, until, reason, createdBy);
    }

    @Override
    public List<SilenceRecord> silences() {
        return desk.silences();
    }

    @Override
    public boolean endSilence(long id) {
        return desk.endSilence(id);
    }

    @Override
    public Map<String, Long> notificationCounts() {
        return desk.notificationCounts();
    }

    @Deactivate
    void stop() {
        timers.shutdown();
        try {
            timers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.close();
    }
}
