package io.nowserving.backend.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.testing.MutableClock;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import io.nowserving.backend.testing.TestBranches;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rate limits on web tickets, security headers, CORS and the metrics endpoint. */
class WebHardeningTest {

    @Test
    void webTicketsAreRateLimitedPerClientAddressAndPerCustomerKey(@TempDir Path dir) {
        MutableClock clock = new MutableClock();
        try (TestBackend backend = TestBackend.start(dir, Map.of("NOWSERVING_RATE_LIMIT_PER_MINUTE", "3",
                "NOWSERVING_TRUSTED_PROXIES", "127.0.0.1,::1"), clock, TestBranches.branch("r1", 1, null))) {
            String path = "/api/v1/branches/r1/tickets";
            String body = "{\"service\":\"a\"}";
            for (int i = 0; i < 3; i++) {
                assertEquals(201, backend.post(path, body, "X-Forwarded-For", "192.0.2.1").status());
            }
            Reply limited = backend.post(path, body, "X-Forwarded-For", "192.0.2.1");
            assertEquals(429, limited.status());
            assertEquals("rate_limited", limited.code());
            assertEquals("60", limited.header("Retry-After"), "until the minute's window ends");
            assertEquals(201, backend.post(path, body, "X-Forwarded-For", "192.0.2.2").status(), "another address");
            assertEquals(201, backend.staffPost(path, body).status(), "staff are not rate-limited");

            Reply first = backend.post(path, body, "X-Forwarded-For", "192.0.2.3");
            String cookie = first.header("Set-Cookie").split(";")[0];
            for (int i = 4; i <= 6; i++) {
                assertEquals(200, backend.post(path, body, "X-Forwarded-For", "192.0.2." + i, "Cookie", cookie)
                        .status(), "the ticket already held");
            }
            assertEquals("rate_limited", backend.post(path, body, "X-Forwarded-For", "192.0.2.7", "Cookie", cookie)
                    .code(), "one customer key hopping addresses is limited too");

            assertTrue(backend.redis().keys(backend.keys().prefix() + "{auth}:rl:*").stream()
                    .noneMatch(k -> k.contains("192.0.2")), "rate-limit keys hold hashed addresses only");
            assertTrue(backend.redis().keys(backend.keys().prefix() + "{auth}:rl:*").stream()
                    .allMatch(k -> backend.redis().pttl(k) > 0), "and end with their window");
            clock.advance(Duration.ofMinutes(1));
            assertEquals(201, backend.post(path, body, "X-Forwarded-For", "192.0.2.1").status(), "a new window");
        }
    }

    @Test
    void everyAnswerCarriesSecurityHeadersAndCorsStaysClosedUnlessConfigured(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("r2", 1, null))) {
            for (Reply r : new Reply[] {backend.get("/api/v1/version"), backend.get("/healthz"),
                    backend.staffGet("/api/v1/branches/r2/tickets"), backend.get("/nope"),
                    backend.login("clerk", TestBackend.CLERK_PASSWORD)}) {
                assertEquals("nosniff", r.header("X-Content-Type-Options"));
                assertEquals("DENY", r.header("X-Frame-Options"));
                assertTrue(r.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
            }
            assertEquals("no-store", backend.staffGet("/api/v1/branches/r2/tickets").header("Cache-Control"));
            assertEquals("no-store", backend.login("clerk", TestBackend.CLERK_PASSWORD).header("Cache-Control"));
            Reply cross = backend.get("/api/v1/version", "Origin", "https://evil.example");
            assertNull(cross.header("Access-Control-Allow-Origin"));
            assertEquals(404, backend.get("/metrics").status(), "no metrics without a port or a token");
        }
        try (TestBackend backend = TestBackend.start(dir.resolve("cors"), Map.of("NOWSERVING_CORS_ORIGINS",
                "https://admin.example", "NOWSERVING_METRICS_PORT", Integer.toString(freePort())),
                TestBranches.branch("r3", 1, null))) {
            assertEquals("https://admin.example", backend.get("/api/v1/version", "Origin", "https://admin.example")
                    .header("Access-Control-Allow-Origin"));
            assertNull(backend.get("/api/v1/version", "Origin", "https://evil.example")
                    .header("Access-Control-Allow-Origin"));
            assertEquals(404, backend.get("/metrics").status(), "metrics live on their own port");
            String text = fetch("http://127.0.0.1:" + backend.app().metricsPort() + "/metrics");
            assertTrue(text.contains("nowserving_http_responses_total{status=\"200\"}"), text);
            assertFalse(text.contains("127.0.0.1"));
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String fetch(String url) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            return r.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
