package io.outpost.hq.alerts;

import java.time.Duration;

/** When an alert is still unacknowledged {@code after} it fired, {@code contact} is told as well. */
record Escalation(Duration after, Contact contact) {
}
