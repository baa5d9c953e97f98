package io.nowserving.backend.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowserving.backend.App;
import io.nowserving.backend.Settings;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.ConfigRepository;
import io.nowserving.backend.redis.RedisConnection;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.sql.Database;
import io.nowserving.backend.sql.TestDatabase;
import io.nowserving.backend.sql.TestDatabases;
import io.lettuce.core.api.sync.RedisCommands;
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
 * The backend as main starts it, in-process, on a free loopback port: the suite's shared Redis under a random
 * key prefix, a database of its own, the test clock on. Branches given are saved to SQL before start-up.
 */
public final class TestBackend implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final App app;
    private final TestDatabase sql;
    private final RedisConnection redis;
    private final RedisKeys keys;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> env;

    private TestBackend(App app, TestDatabase sql, RedisConnection redis, RedisKeys keys, Map<String, String> env) {
        this.app = app;
        this.sql = sql;
        this.redis = redis;
        this.keys = keys;
        this.env = env;
    }

    /**
     * A second instance on the same Redis (same key prefix) and database, as a second backend behind a load
     * balancer; closing it leaves this one and the database alone.
     */
    public TestBackend twin() {
        App second = App.start(Settings.from(env, name -> null));
        return new TestBackend(second, null, RedisConnection.connect(env.get("REDIS_URL")), keys, env);
    }

    public static TestBackend start(Path dir, BranchConfig... branches) {
        return start(dir, Map.of(), branches);
    }

    /** Starts with extra settings (environment-variable names) on top of the test defaults. */
    public static TestBackend start(Path dir, Map<String, String> extra, BranchConfig... branches) {
        TestDatabase sql = TestDatabases.create(dir);
        if (branches.length > 0) {
            try (Database db = sql.open()) {
                ConfigRepository repo = new ConfigRepository(db.dataSource());
                for (BranchConfig b : branches) {
                    repo.save(b);
                }
            }
        }
        String prefix = TestRedis.randomPrefix();
        Map<String, String> env = new HashMap<>();
        env.put("NOWSERVING_HTTP_PORT", "0");
        env.put("NOWSERVING_BIND", "127.0.0.1");
        env.put("NOWSERVING_DATA_DIR", dir.toString());
        env.put("REDIS_URL", TestRedis.url());
        env.put("NOWSERVING_REDIS_PREFIX", prefix);
        env.put("DATABASE_URL", sql.url());
        env.put("DATABASE_USER", sql.user());
        env.put("DATABASE_PASSWORD", sql.password());
        env.put("NOWSERVING_TEST_CLOCK", "true");
        env.put("NOWSERVING_SHUTDOWN_GRACE_MS", "100");
        env.put("NOWSERVING_SEED_DEMO", branches.length == 0 ? "true" : "false");
        env.putAll(extra);
        App app = App.start(Settings.from(env, name -> null));
        return new TestBackend(app, sql, RedisConnection.connect(env.get("REDIS_URL")), new RedisKeys(prefix), env);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    public int port() {
        return app.port();
    }

    public RedisCommands<String, String> redis() {
        return redis.sync();
    }

    public RedisKeys keys() {
        return keys;
    }

    public App app() {
        return app;
    }

    /** A response: status, headers and the body parsed as JSON (null when empty). */
    public record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String code() {
            return body == null ? null : body.path("code").asText(null);
        }
    }

    public Reply send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body() == null || r.body().isEmpty() ? null : JSON.readTree(r.body());
            return new Reply(r.statusCode(), json, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Reply post(String path, String body, String... headers) {
        return send("POST", path, body, headers);
    }

    /** Issues a web ticket as a new anonymous customer (no device cookie). */
    public Reply issue(String branch, String service) {
        return post("/api/v1/branches/" + branch + "/tickets", "{\"service\":\"" + service + "\"}");
    }

    public Reply counter(String branch, String counter, String action) {
        return post("/api/v1/branches/" + branch + "/counters/" + counter + "/" + action, null);
    }

    /** Moves the branch's clock by {@code offsetMs} from real time. */
    public void moveClock(String branch, long offsetMs) {
        Reply r = send("PUT", "/api/v1/test/branches/" + branch + "/clock", "{\"offsetMs\":" + offsetMs + "}");
        if (r.status() != 200) {
            throw new IllegalStateException("test clock refused: " + r.status() + " " + r.body());
        }
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            redis.close();
            if (sql != null) {
                sql.close();
            }
        }
    }
}
