package io.outpost.hq.alerts;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/** The checked form of {@link AlertsConfig}; a wrong value is refused naming the field. */
record AlertSettings(Path ruleFolder, Duration alarmPoll, Duration evaluate, Duration dispatch, String instanceName,
        String publicUrl, String ackSecret, Duration ackLinkValidity, Duration retry, int maxAttempts, Duration lease) {

    static AlertSettings of(AlertsConfig c) {
        at("alarmPollMillis", c.alarmPollMillis(), 50);
        at("evaluateMillis", c.evaluateMillis(), 100);
        at("dispatchMillis", c.dispatchMillis(), 50);
        at("retrySeconds", c.retrySeconds(), 1);
        at("maxAttempts", c.maxAttempts(), 1);
        at("leaseSeconds", c.leaseSeconds(), 5);
        at("ackLinkDays", c.ackLinkDays(), 1);
        if (c.ackLinkDays() > 365) {
            throw new IllegalArgumentException("hq alerts: 'ackLinkDays' " + c.ackLinkDays() + " is above 365");
        }
        String url = c.publicUrl().strip();
        if (!url.isEmpty()) {
            try {
                URI u = URI.create(url);
                if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("hq alerts: 'publicUrl' " + url + " must be an http:// or https:// URL with a host");
            }
            if (c.ackSecret().length() < 16) {
                throw new IllegalArgumentException("hq alerts: 'ackSecret' must be at least 16 characters when 'publicUrl' is set");
            }
        }
        String name = c.instanceName().strip();
        if (name.isEmpty()) {
            try {
                name = "outpost-hq-" + InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                name = "outpost-hq-" + ProcessHandle.current().pid();
            }
        }
        return new AlertSettings(Path.of(c.ruleFolder()), Duration.ofMillis(c.alarmPollMillis()), Duration.ofMillis(c.evaluateMillis()),
                Duration.ofMillis(c.dispatchMillis()), Transitions.clip(name, 128), url, c.ackSecret(), Duration.ofDays(c.ackLinkDays()), Duration.ofSeconds(c.retrySeconds()),
                c.maxAttempts(), Duration.ofSeconds(c.leaseSeconds()));
    }

    private static void at(String field, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException("hq alerts: '" + field + "' " + value + " is below " + min);
        }
    }
}
