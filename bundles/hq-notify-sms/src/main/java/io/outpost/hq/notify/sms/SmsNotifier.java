package io.outpost.hq.notify.sms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.outpost.api.hq.alert.Notification;
import io.outpost.api.hq.alert.Notifier;
import io.outpost.api.hq.alert.NotifyException;

/** One SMS provider per factory configuration ({@code io.outpost.hq.notify.sms~<label>.cfg}). */
@Component(configurationPid = "io.outpost.hq.notify.sms", configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = Notifier.NAME + "=sms")
@Designate(ocd = SmsConfig.class, factory = true)
public final class SmsNotifier implements Notifier {

    private final URI url;
    private final String contentType;
    private final boolean json;
    private final String template;
    private final String authorization;
    private final int maxChars;
    private final Duration timeout;
    private final HttpClient client;

    @Activate
    public SmsNotifier(SmsConfig config) {
        String name = "hq sms notifier '" + config.outpost_hq_notifier() + "': ";
        try {
            URI u = URI.create(config.url() == null ? "" : config.url().strip());
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException();
            }
            this.url = u;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + "'url' " + config.url() + " must be an http:// or https:// URL with a host");
        }
        this.contentType = config.contentType().strip();
        if (contentType.startsWith("application/json")) {
            json = true;
        } else if (contentType.startsWith("application/x-www-form-urlencoded")) {
            json = false;
        } else {
            throw new IllegalArgumentException(name + "'contentType' " + contentType + " must be application/x-www-form-urlencoded or application/json");
        }
        if (!config.bodyTemplate().contains("{text}")) {
            throw new IllegalArgumentException(name + "'bodyTemplate' must contain {text}");
        }
        if (config.maxChars() < 20 || config.maxChars() > 1600) {
            throw new IllegalArgumentException(name + "'maxChars' " + config.maxChars() + " is outside 20-1600");
        }
        if (config.timeoutMillis() < 100) {
            throw new IllegalArgumentException(name + "'timeoutMillis' " + config.timeoutMillis() + " is below 100");
        }
        this.template = config.bodyTemplate();
        this.authorization = config.authorization();
        this.maxChars = config.maxChars();
        this.timeout = Duration.ofMillis(config.timeoutMillis());
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    String body(Notification n) {
        String text = n.subject().length() <= maxChars ? n.subject() : n.subject().substring(0, maxChars - 1) + "…";
        return SmsBody.fill(template, json, Map.of("to", n.to(), "text", text, "rule", n.rule(), "kind", n.kind()));
    }

    @Override
    public void send(Notification notification) throws NotifyException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body(notification)));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                String answer = response.body();
                throw new NotifyException("SMS provider " + url.getHost() + " answered " + response.statusCode()
                        + (answer.isBlank() ? "" : ": " + answer.substring(0, Math.min(200, answer.length()))));
            }
        } catch (IOException e) {
            throw new NotifyException("SMS provider " + url.getHost() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotifyException("SMS provider " + url.getHost() + ": interrupted", e);
        }
    }
}
