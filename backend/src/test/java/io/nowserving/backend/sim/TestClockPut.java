package io.nowserving.backend.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code PUT /api/v1/test/branches/{b}/clock} (a test route, so not in the shared client): moves a branch's clock
 * by an offset from real time. The backend must run with NOWSERVING_TEST_CLOCK=true.
 */
final class TestClockPut {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    TestClockPut(String base, String token) {
        this.base = base.replaceFirst("/+$", "");
        this.token = token;
    }

    void put(String branch, long offsetMs) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/test/branches/" + branch + "/clock"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"offsetMs\":" + offsetMs + "}")).build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("the test clock answered " + r.statusCode() + " " + r.body()
                        + " (is NOWSERVING_TEST_CLOCK=true?)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
