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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/**
 * The backend as main starts it, in-process, on a free loopback port: the suite's shared Redis under a random
 * key prefix, a database of its own, the test clock on, a low password cost and a rate limit and a feed limit per address no test reaches.
 * Branches given are saved to SQL before start-up. It signs in once as the first owner ({@code admin}, password
 * from NOWSERVING_ADMIN_PASSWORD) and makes a clerk of every branch; the staff helpers ({@link #counter},
 * {@link #staff}, {@link #staffPost}, {@link #staffGet}) send the clerk's Bearer token, the plain ones
 * ({@link #issue}, {@link #post}, {@link #get}, {@link #send}) stay anonymous like customers.
 */
public final class TestBackend implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String OWNER_PASSWORD = "owner-password-for-tests";
    public static final String CLERK_PASSWORD = "clerk-password-for-tests";

    private final App app;
    private final TestDatabase sql;
    private final boolean ownsSql;
    private final Map<String, String> env;
    private final Clock clock;
    private final RedisConnection redis;
    private final RedisKeys keys;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String ownerToken;
    private String clerkToken;
    private String clerkId;

    private TestBackend(App app, TestDatabase sql, boolean ownsSql, Map<String, String> env, Clock clock,
                        RedisKeys keys) {
        this.app = app;
        this.sql = sql;
        this.ownsSql = ownsSql;
        this.env = env;
        this.clock = clock;
        this.redis = RedisConnection.connect(env.get("REDIS_URL"));
        this.keys = keys;
    }

    public static TestBackend start(Path dir, BranchConfig... branches) {
        return start(dir, Map.of(), branches);
    }

    /** Starts with extra settings (environment-variable names) on top of the test defaults. */
    public static TestBackend start(Path dir, Map<String, String> extra, BranchConfig... branches) {
        return start(dir, extra, Clock.systemUTC(), branches);
    }

    /** Starts with the backend's Java-side time from {@code clock} (sessions, throttling, presence tokens). */
    public static TestBackend start(Path dir, Map<String, String> extra, Clock clock, BranchConfig... branches) {
        return start(dir, extra, clock, true, branches);
    }

    /** Starts without signing anyone in (e.g. with a generated first password): the staff helpers do not work. */
    public static TestBackend startWithoutStaff(Path dir, Map<String, String> extra, BranchConfig... branches) {
        return start(dir, extra, Clock.systemUTC(), false, branches);
    }

    private static TestBackend start(Path dir, Map<String, String> extra, Clock clock, boolean signIn,
                                     BranchConfig... branches) {
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
        env.put("NOWSERVING_ADMIN_PASSWORD", OWNER_PASSWORD);
        env.put("NOWSERVING_PASSWORD_COST", "1");
        env.put("NOWSERVING_RATE_LIMIT_PER_MINUTE", "1000000");
        env.put("NOWSERVING_FEED_CONNECTIONS_PER_ADDRESS", "100000");
        env.putAll(extra);
        App app = App.start(Settings.from(env, name -> null), clock);
        TestBackend backend = new TestBackend(app, sql, true, env, clock, new RedisKeys(prefix));
        try {
            if (signIn) {
                backend.signInStaff();
            }
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        return backend;
    }

    /**
     * Another instance on the same Redis prefix and database (scale-out, or a restart after closing this one);
     * it shares this one's staff tokens. Closing it leaves the database to this one.
     */
    public TestBackend startAnother() {
        App other = App.start(Settings.from(env, name -> null), clock);
        TestBackend b = new TestBackend(other, sql, false, env, clock, keys);
        b.ownerToken = ownerToken;
        b.clerkToken = clerkToken;
        b.clerkId = clerkId;
        return b;
    }

    /** Signs owner and clerk in again, e.g. after a test wiped Redis (sessions live only there). */
    public void signInAgain() {
        ownerToken = tokenOf(login("admin", OWNER_PASSWORD));
        clerkToken = tokenOf(login("clerk", CLERK_PASSWORD));
    }

    private void signInStaff() {
        ownerToken = tokenOf(login("admin", OWNER_PASSWORD));
        List<String> branches = new ArrayList<>();
        get("/api/v1/branches").body().forEach(b -> branches.add(b.get("id").asText()));
        clerkId = createUser("clerk", CLERK_PASSWORD, "clerk", branches.toArray(String[]::new));
        clerkToken = tokenOf(login("clerk", CLERK_PASSWORD));
    }

    /** POST /api/v1/auth/login. */
    public Reply login(String username, String password, String... headers) {
        return post("/api/v1/auth/login", "{\"username\":" + quote(username) + ",\"password\":" + quote(password)
                + "}", headers);
    }

    /** The owner creates a user (who need not change the password first); answers its id. */
    public String createUser(String username, String password, String role, String... branches) {
        String list = role.equals("owner") ? "" : ",\"branches\":[" + String.join(",",
                java.util.Arrays.stream(branches).map(TestBackend::quote).toList()) + "]";
        Reply r = owner("POST", "/api/v1/users/" + username, "{\"password\":" + quote(password) + ",\"role\":"
                + quote(role) + list + ",\"mustChangePassword\":false}");
        if (r.status() != 201) {
            throw new IllegalStateException("creating user " + username + " failed: " + r.status() + " " + r.body());
        }
        return r.body().get("id").asText();
    }

    /** An admin (here: the owner) registers a display or kiosk; answers its token. */
    public String createDevice(String branch, String role) {
        Reply r = owner("POST", "/api/v1/branches/" + branch + "/devices", "{\"name\":\"" + role + " 1\",\"role\":"
                + quote(role) + "}");
        if (r.status() != 201) {
            throw new IllegalStateException("creating a " + role + " failed: " + r.status() + " " + r.body());
        }
        return r.body().get("token").asText();
    }

    public static String tokenOf(Reply login) {
        if (login.status() != 200) {
            throw new IllegalStateException("sign-in failed: " + login.status() + " " + login.body());
        }
        return login.body().get("token").asText();
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String ownerToken() {
        return ownerToken;
    }

    public String clerkToken() {
        return clerkToken;
    }

    /** The user id of the clerk the staff helpers act as (events carry it as actor.id). */
    public String clerkId() {
        return clerkId;
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

    /** The SQL database this backend uses (open it to read or write rows directly). */
    public TestDatabase database() {
        return sql;
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
        return send(http, uri(path), method, body, headers);
    }

    /** One request with a JSON body (or none) and header name/value pairs; the answer parsed when it is JSON. */
    public static Reply send(HttpClient http, URI uri, String method, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
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
            boolean isJson = r.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode json = r.body() == null || r.body().isEmpty() || !isJson ? null : JSON.readTree(r.body());
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

    /** A request with {@code token} as its Bearer credential. */
    public Reply sendAs(String token, String method, String path, String body, String... headers) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Authorization";
        all[headers.length + 1] = "Bearer " + token;
        return send(method, path, body, all);
    }

    /** A request as the clerk of every branch. */
    public Reply staff(String method, String path, String body, String... headers) {
        return sendAs(clerkToken, method, path, body, headers);
    }

    public Reply staffGet(String path, String... headers) {
        return staff("GET", path, null, headers);
    }

    public Reply staffPost(String path, String body, String... headers) {
        return staff("POST", path, body, headers);
    }

    /** A request as the first owner. */
    public Reply owner(String method, String path, String body, String... headers) {
        return sendAs(ownerToken, method, path, body, headers);
    }

    /** Issues a web ticket as a new anonymous customer (no device cookie). */
    public Reply issue(String branch, String service) {
        return post("/api/v1/branches/" + branch + "/tickets", "{\"service\":\"" + service + "\"}");
    }

    /** A counter action as the clerk. */
    public Reply counter(String branch, String counter, String action) {
        return staffPost("/api/v1/branches/" + branch + "/counters/" + counter + "/" + action, null);
    }

    /** Moves the branch's clock by {@code offsetMs} from real time. */
    public void moveClock(String branch, long offsetMs) {
        Reply r = staff("PUT", "/api/v1/test/branches/" + branch + "/clock", "{\"offsetMs\":" + offsetMs + "}");
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
            if (ownsSql) {
                sql.close();
            }
        }
    }
}
