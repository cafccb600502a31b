package io.outpost.hq.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** GET and POST against HQ's API with the token, answering the status and the JSON body. */
final class ApiClient {

    /** What HQ answered: the HTTP status and the body read as JSON (null when it was not JSON). */
    record Reply(int status, JsonNode body) {

        String message() {
            if (body != null && body.hasNonNull("message")) {
                return body.get("message").asText();
            }
            return "HTTP " + status;
        }
    }

    /** HQ could not be reached at all. */
    static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message);
        }
    }

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();

    ApiClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    Reply get(String pathAndQuery) throws Unreachable, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET());
    }

    Reply post(String path) throws Unreachable, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json"));
    }

    private Reply send(HttpRequest.Builder request) throws Unreachable, InterruptedException {
        HttpRequest r = request.timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").build();
        try {
            HttpResponse<byte[]> response = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = null;
            try {
                body = response.body().length == 0 ? null : mapper.readTree(response.body());
            } catch (IOException notJson) {
                // the status says enough
            }
            return new Reply(response.statusCode(), body);
        } catch (ConnectException e) {
            throw new Unreachable("cannot connect to HQ at " + base + " (is it running? set --url or OUTPOST_HQ_URL)");
        } catch (IOException e) {
            throw new Unreachable("talking to HQ at " + base + " failed: " + e);
        }
    }
}
