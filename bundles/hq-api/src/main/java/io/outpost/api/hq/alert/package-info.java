/**
 * HQ's alerting contracts. An <em>alert rule</em> watches a condition (a gateway alarm, a gateway offline, a silent
 * channel, a value out of range, maintenance due); an <em>alert</em> is one episode of a rule for one subject
 * (a gateway or a channel), from firing to resolved. Each transition produces <em>notifications</em>, which
 * {@link io.outpost.api.hq.alert.Notifier} services deliver (a whiteboard keyed by
 * {@link io.outpost.api.hq.alert.Notifier#NAME}). {@link io.outpost.api.hq.alert.AlertService} lists alerts,
 * acknowledges them and keeps rules and silences. Bad input to it is an {@link io.outpost.api.hq.alert.InvalidFieldException}
 * naming the field.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.outpost.api.hq.alert;
