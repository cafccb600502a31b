package io.outpost.hq.alerts.rest;

import java.util.Optional;

import io.outpost.api.hq.alert.AlertRecord;

/** The small HTML pages of the acknowledgement link; every value from HQ or the request is escaped. */
final class AckPage {

    private AckPage() {
    }

    /** The alert and a button that POSTs the same link. */
    static String confirm(AlertRecord a, long alert, long expires, String sig) {
        String state = a.acknowledgedAt().isPresent() ? "firing, acknowledged by " + a.acknowledgedBy().orElse("?") : a.state().code();
        StringBuilder body = new StringBuilder(facts(a, state));
        if (a.acknowledgedAt().isPresent()) {
            body.append("<p>This alert is already acknowledged.</p>");
        } else if (!a.state().code().equals("firing")) {
            body.append("<p>This alert has resolved; there is nothing to acknowledge.</p>");
        } else {
            body.append("<form method=\"post\" action=\"ack\">")
                    .append(hidden("alert", Long.toString(alert))).append(hidden("exp", Long.toString(expires))).append(hidden("sig", sig))
                    .append("<button type=\"submit\">Acknowledge alert ").append(alert).append("</button></form>")
                    .append("<p>Acknowledging stops the escalation to the next contact.</p>");
        }
        return html("Acknowledge alert " + alert, body.toString());
    }

    static String outcome(Optional<AlertRecord> a, String title, String text) {
        return html(title, "<p>" + escape(text) + "</p>" + a.map(r -> facts(r, r.state().code())).orElse(""));
    }

    static String message(String title, String text) {
        return html(title, "<p>" + escape(text) + "</p>");
    }

    private static String facts(AlertRecord a, String state) {
        return "<table>" + row("Alert", Long.toString(a.id())) + row("Rule", a.rule()) + row("Subject", a.subject()) + row("State", state)
                + row("Fired", a.firedAt().toString()) + row("Detail", a.detail()) + "</table>";
    }

    private static String row(String name, String value) {
        return "<tr><th>" + name + "</th><td>" + escape(value) + "</td></tr>";
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
    }

    private static String html(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">"
                + "<meta name=\"viewport\" content=\"width=device-width\"><title>Outpost HQ: " + escape(title) + "</title>"
                + "<style>body{font-family:sans-serif;margin:2em;max-width:40em}th{text-align:left;padding-right:1em}"
                + "button{font-size:1.1em;padding:.4em 1em;margin-top:1em}</style></head><body><h1>" + escape(title) + "</h1>" + body
                + "</body></html>";
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
