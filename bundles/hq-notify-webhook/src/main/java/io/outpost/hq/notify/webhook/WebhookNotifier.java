package io.outpost.hq.notify.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.outpost.api.hq.alert.Notification;
import io.outpost.api.hq.alert.Notifier;
import io.outpost.api.hq.alert.NotifyException;

/**
 * One webhook per factory configuration ({@code io.outpost.hq.notify.webhook~<label>.cfg}); the service property
 * {@code outpost.hq.notifier} is its {@code name}. Headers: {@code X-Outpost-Signature}, {@code X-Outpost-Delivery}
 * (the notification's key, the same on every retry, for de-duplication by the receiver).
 */
@Component(configurationPid = "io.outpost.hq.notify.webhook", configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = Notifier.NAME + "=webhook")
@Designate(ocd = WebhookConfig.class, factory = true)
public final class WebhookNotifier implements Notifier {

    private final URI url;
    private final String secret;
    private final Duration timeout;
    private final HttpClient client;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public WebhookNotifier(WebhookConfig config) {
        this.url = checkedUrl(config.url());
        if (config.secret() == null || config.secret().length() < 16) {
            throw new IllegalArgumentException("hq webhook notifier '" + config.outpost_hq_notifier() + "': 'secret' must be at least 16 characters");
        }
        if (config.timeoutMillis() < 100) {
            throw new IllegalArgumentException("hq webhook notifier '" + config.outpost_hq_notifier() + "': 'timeoutMillis' " + config.timeoutMillis() + " is below 100");
        }
        this.secret = config.secret();
        this.timeout = Duration.ofMillis(config.timeoutMillis());
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static URI checkedUrl(String text) {
        try {
            URI u = URI.create(text == null ? "" : text.strip());
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
                return u;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new IllegalArgumentException("hq webhook notifier: 'url' " + text + " must be an http:// or https:// URL with a host");
    }

    @Override
    public void send(Notification notification) throws NotifyException {
        byte[] body = NotificationJson.of(notification, clock.instant()).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header(WebhookSignature.HEADER, WebhookSignature.of(secret, body))
                .header("X-Outpost-Delivery", notification.key())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                String answer = response.body();
                throw new NotifyException("webhook " + url + " answered " + response.statusCode()
                        + (answer.isBlank() ? "" : ": " + answer.substring(0, Math.min(200, answer.length()))));
            }
        } catch (IOException e) {
            throw new NotifyException("webhook " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotifyException("webhook " + url + ": interrupted", e);
        }
    }
}
