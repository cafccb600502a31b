/**
 * HQ's alert engine. A {@link io.outpost.hq.alerts.Rule} (parsed by {@link io.outpost.hq.alerts.RuleParser} from a
 * JSON file in {@code etc/alerts/} or from the API) has one {@link io.outpost.hq.alerts.Condition}. Watchers turn
 * what the database holds into transitions: {@link io.outpost.hq.alerts.AlarmWatcher} reads new gateway alarms,
 * {@link io.outpost.hq.alerts.ConditionWatcher} evaluates the HQ-side conditions and escalations.
 * {@link io.outpost.hq.alerts.Transitions} opens and resolves alerts and queues their notifications in the same
 * transaction; {@link io.outpost.hq.alerts.Dispatcher} claims due notifications, groups repeats into digests and
 * hands them to the {@link io.outpost.api.hq.alert.Notifier} services. The "once" of every step is a database
 * constraint or row lock ({@code sql/V2.sql} of hq-store), never memory, so two HQ instances on one database send
 * each notification once, and a restart neither repeats nor loses one.
 */
package io.outpost.hq.alerts;
