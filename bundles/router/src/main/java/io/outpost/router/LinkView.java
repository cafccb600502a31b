package io.outpost.router;

import io.outpost.api.link.LinkDescriptor;

/**
 * One link as the rules weigh it at one moment.
 *
 * @param id           the link's id
 * @param descriptor   what it is and costs
 * @param healthy      up or degraded and not failing
 * @param tier         0 settled up, 1 settled degraded, 2 recovering from an outage (hold-down)
 * @param open         inside its time windows (or it has none)
 * @param withinBudget its usage this month is below its budget, or its use is flat-rate
 * @param carries      it says it is up or degraded, failing or not (a last resort when no link is healthy)
 */
record LinkView(String id, LinkDescriptor descriptor, boolean healthy, int tier, boolean open, boolean withinBudget, boolean carries) {
}
