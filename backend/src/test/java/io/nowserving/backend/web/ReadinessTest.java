package io.nowserving.backend.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import io.nowserving.backend.redis.EmbeddedRedis;
import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.SharedH2;
import io.nowserving.backend.testing.TestBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /readyz answers from the refresher's last result: cheap per probe, yet a dead dependency shows within seconds. */
class ReadinessTest {
    private static final Duration SHOWS_WITHIN = MetaRoutes.STALE.plusSeconds(5);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aProbeDoesNotRunTheChecks() throws Exception {
        MetaRoutes meta = new MetaRoutes(List.of(MetaRoutes.Check.required("slow", () -> {
            sleep(200);
            return null;
        })));
        Javalin app = Javalin.create().get("/readyz", meta::ready).start("127.0.0.1", 0);
        try {
            URI uri = URI.create("http://127.0.0.1:" + app.port() + "/readyz");
            Await.until(SHOWS_WITHIN, "ready", () -> status(uri) == 200);
            long[] nanos = new long[41];
            for (int i = 0; i < nanos.length; i++) {
                long t = System.nanoTime();
                assertEquals(200, status(uri));
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            assertTrue(nanos[20] < 100_000_000L, "median " + nanos[20] / 1000 + " µs: a probe waited for the 200 ms check");
        } finally {
            app.stop();
            meta.close();
        }
    }

    @Test
    void aFailingOrHangingCheckShowsWithinSeconds() throws Exception {
        AtomicReference<String> problem = new AtomicReference<>();
        CountDownLatch hang = new CountDownLatch(1);
        AtomicReference<Boolean> hanging = new AtomicReference<>(false);
        MetaRoutes meta = new MetaRoutes(List.of(MetaRoutes.Check.required("dep", () -> {
            if (hanging.get()) {
                try {
                    hang.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return problem.get();
        })));
        Javalin app = Javalin.create().get("/readyz", meta::ready).start("127.0.0.1", 0);
        try {
            URI uri = URI.create("http://127.0.0.1:" + app.port() + "/readyz");
            Await.until(SHOWS_WITHIN, "ready", () -> status(uri) == 200);
            problem.set("down");
            Await.until(SHOWS_WITHIN, "a failing check answers 503", () -> status(uri) == 503);
            problem.set(null);
            Await.until(SHOWS_WITHIN, "ready again", () -> status(uri) == 200);
            hanging.set(true);
            Await.until(SHOWS_WITHIN, "a hanging check goes stale: 503", () -> status(uri) == 503);
            assertTrue(body(uri).contains("\"dep\":\"no answer for"), body(uri));
        } finally {
            hang.countDown();
            app.stop();
            meta.close();
        }
    }

    @Test
    void aDeadDatabaseShowsWithinSeconds(@TempDir Path dir) throws Exception {
        SharedH2 h2 = SharedH2.start(dir.resolve("h2"));
        try (TestBackend backend = TestBackend.startWithoutStaff(dir.resolve("b"), Map.of("DATABASE_URL",
                h2.url("ready"), "DATABASE_USER", "sa", "DATABASE_PASSWORD", ""))) {
            Await.until(SHOWS_WITHIN, "ready", () -> backend.get("/readyz").status() == 200);
            h2.close();
            assertShowsDead(backend, "sql");
        } finally {
            h2.close();
        }
    }

    @Test
    void aDeadRedisShowsWithinSeconds(@TempDir Path dir) throws Exception {
        EmbeddedRedis redis = EmbeddedRedis.start(dir.resolve("own-redis"));
        try (TestBackend backend = TestBackend.startWithoutStaff(dir.resolve("b"), Map.of("REDIS_URL", redis.url()))) {
            Await.until(SHOWS_WITHIN, "ready", () -> backend.get("/readyz").status() == 200);
            redis.close();
            assertShowsDead(backend, "redis");
            redis = EmbeddedRedis.start(dir.resolve("own-redis")); // back on its port: the backend then closes quickly
            Await.until(SHOWS_WITHIN.multipliedBy(6), "ready again", () -> backend.get("/readyz").status() == 200);
        } finally {
            redis.close();
        }
    }

    private static void assertShowsDead(TestBackend backend, String check) throws InterruptedException {
        long start = System.nanoTime();
        Await.until(SHOWS_WITHIN, "the dead " + check + " answers 503", () -> backend.get("/readyz").status() == 503);
        long ms = (System.nanoTime() - start) / 1_000_000;
        Await.until(SHOWS_WITHIN, "readiness names " + check, () -> {
            TestBackend.Reply r = backend.get("/readyz");
            return r.status() == 503 && !r.body().path("checks").path(check).asText("ok").equals("ok");
        });
        assertTrue(ms < SHOWS_WITHIN.toMillis(), check + " showed after " + ms + " ms");
    }

    private int status(URI uri) {
        return send(uri).statusCode();
    }

    private String body(URI uri) {
        return send(uri).body();
    }

    private HttpResponse<String> send(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
