/**
 * The cost router: a {@link io.outpost.api.router.Router} that routes ALARM to the first healthy link by priority
 * whatever it costs, EVENT (and REPLY, LIFECYCLE) to healthy links within budget by priority, and TELEMETRY to
 * the cheapest healthy link within budget (else it waits in the outbox). Rooms: {@code RouteRules} (the table from
 * the links as they are, a pure function), {@code LinkHealth} (failover, failback after the hold-down),
 * {@code UsageBook} (usage per billing month, persisted by {@code UsageFile}), {@code CostRouter} (the component),
 * {@code LinksCommand} and {@code UsageReporter} (operators). Not exported.
 */
package io.outpost.router;
