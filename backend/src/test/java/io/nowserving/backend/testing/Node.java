package io.nowserving.backend.testing;

import io.nowserving.backend.App;
import io.nowserving.backend.Settings;
import io.nowserving.backend.events.FeedOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One backend instance started from explicit settings, for tests that run several instances on one Redis key
 * prefix and one database (scale-out), restart an instance, or tune its feeds. {@link TestBackend} is the
 * one-instance fixture.
 */
public final class Node implements AutoCloseable {
    private final App app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private boolean closed;

    private Node(App app) {
        this.app = app;
    }

    /** The test settings of an instance: loopback on a free port, test clock on, no demo seed. */
    public static Map<String, String> env(Path dataDir, String redisUrl, String prefix, String databaseUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("NOWSERVING_HTTP_PORT", "0");
        env.put("NOWSERVING_BIND", "127.0.0.1");
        env.put("NOWSERVING_DATA_DIR", dataDir.toString());
        env.put("REDIS_URL", redisUrl);
        env.put("NOWSERVING_REDIS_PREFIX", prefix);
        env.put("DATABASE_URL", databaseUrl);
        env.put("DATABASE_USER", "sa");
        env.put("DATABASE_PASSWORD", "");
        env.put("NOWSERVING_TEST_CLOCK", "true");
        env.put("NOWSERVING_SHUTDOWN_GRACE_MS", "500");
        env.put("NOWSERVING_SEED_DEMO", "false");
        env.put("NOWSERVING_ADMIN_PASSWORD", TestBackend.OWNER_PASSWORD);
        env.put("NOWSERVING_PASSWORD_COST", "1");
        env.put("NOWSERVING_RATE_LIMIT_PER_MINUTE", "1000000");
        env.put("NOWSERVING_FEED_CONNECTIONS_PER_ADDRESS", "100000");
        return env;
    }

    public static Node start(Map<String, String> env, FeedOptions options) {
        return new Node(App.start(Settings.from(env, name -> null), options));
    }

    public App app() {
        return app;
    }

    public int port() {
        return app.port();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    public TestBackend.Reply send(String method, String path, String body, String... headers) {
        return TestBackend.send(http, uri(path), method, body, headers);
    }

    public TestBackend.Reply get(String path) {
        return send("GET", path, null);
    }

    /** Issues a web ticket as a new anonymous customer. */
    public TestBackend.Reply issue(String branch, String service) {
        return send("POST", "/api/v1/branches/" + branch + "/tickets", "{\"service\":\"" + service + "\"}");
    }

    /** A counter action as the first owner (signed in on first use; owners may act at any counter). */
    public TestBackend.Reply counter(String branch, String counter, String action) {
        return send("POST", "/api/v1/branches/" + branch + "/counters/" + counter + "/" + action, null,
                "Authorization", "Bearer " + ownerToken());
    }

    private volatile String ownerToken;

    /** The first owner's session on this instance (sessions live in Redis: valid on every instance). */
    public String ownerToken() {
        if (ownerToken == null) {
            ownerToken = TestBackend.tokenOf(send("POST", "/api/v1/auth/login", "{\"username\":\"admin\",\"password\":\""
                    + TestBackend.OWNER_PASSWORD + "\"}"));
        }
        return ownerToken;
    }

    /** Waits until /readyz answers 200; fails after {@code timeout}. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        TestBackend.Reply[] last = new TestBackend.Reply[1];
        boolean ready = Await.within(timeout, () -> {
            try {
                last[0] = get("/readyz");
                return last[0].status() == 200;
            } catch (UncheckedIOException e) {
                return false; // not yet
            }
        });
        if (!ready) {
            throw new AssertionError("not ready within " + timeout + ": " + (last[0] == null ? "no answer" : last[0].body()));
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            app.close();
        }
    }
}
