package io.outpost.hq.alerts;

/** Who is told, and through which notifier service ({@code outpost.hq.notifier} value). */
record Contact(String notifier, String to) {
}
