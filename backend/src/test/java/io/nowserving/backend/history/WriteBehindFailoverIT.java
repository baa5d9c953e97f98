package io.nowserving.backend.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.nowserving.backend.redis.RedisConnection;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.sql.Database;
import io.nowserving.backend.sql.TestDatabase;
import io.nowserving.backend.sql.TestDatabases;
import io.nowserving.backend.testing.BackendProcess;
import io.nowserving.backend.testing.TestRedis;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.core.ExecutableProvider;

/**
 * Two backend JVMs on one Redis (a redis-server of the test's own, AOF on) and one database (an H2 TCP server,
 * or the machine's PostgreSQL when {@code nowserving.test.database.url} is set). The leading JVM is killed with
 * -9 while about 2,000 events a second flow: the survivor takes the lease within the TTL plus a stated margin, and
 * SQL ends up holding every event of the stream exactly once.
 */
class WriteBehindFailoverIT {
    private static final String OWNER_PASSWORD = "failover-test-owner-password";
    private volatile String staffToken;
    private static final long TTL_MS = 3000;
    /** Beyond the TTL: the survivor's retry interval (TTL/3) plus scheduling on a loaded 2-core machine. */
    private static final long MARGIN_MS = 3000;
    private static final int WORKERS = 24;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void killingTheLeaderHandsTheLeaseOverAndSqlHoldsEveryEventExactlyOnce() throws Exception {
        int redisPort = freePort();
        Process redis = new ProcessBuilder(ExecutableProvider.newJarResourceProvider().get().getAbsolutePath(),
                "--port", Integer.toString(redisPort), "--bind", "127.0.0.1", "--dir", dir.toString(),
                "--appendonly", "yes", "--appendfsync", "everysec", "--save", "").redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        Server h2 = null;
        TestDatabase pg = null;
        try {
            String redisUrl = "redis://127.0.0.1:" + redisPort;
            awaitRedis(redisUrl);
            Map<String, String> env = new HashMap<>();
            if (TestDatabases.usingPostgres()) {
                pg = TestDatabases.create(dir);
                env.put("DATABASE_URL", pg.url());
                env.put("DATABASE_USER", pg.user());
                env.put("DATABASE_PASSWORD", pg.password());
            } else {
                h2 = Server.createTcpServer("-tcp", "-tcpPort", "0", "-ifNotExists", "-baseDir",
                        dir.resolve("h2").toString()).start();
                env.put("DATABASE_URL", "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/history");
                env.put("DATABASE_USER", "sa");
                env.put("DATABASE_PASSWORD", "");
            }
            String prefix = TestRedis.randomPrefix();
            env.put("REDIS_URL", redisUrl);
            env.put("NOWSERVING_REDIS_PREFIX", prefix);
            env.put("NOWSERVING_LEASE_TTL_MS", Long.toString(TTL_MS));
            env.put("NOWSERVING_ADMIN_PASSWORD", OWNER_PASSWORD);
            env.put("NOWSERVING_PASSWORD_COST", "1");
            env.put("NOWSERVING_RATE_LIMIT_PER_MINUTE", "1000000");
            run(env, new RedisKeys(prefix), redisUrl);
        } finally {
            redis.destroyForcibly();
            redis.waitFor(20, TimeUnit.SECONDS);
            if (h2 != null) {
                h2.stop();
            }
            if (pg != null) {
                pg.close();
            }
        }
    }

    private void run(Map<String, String> env, RedisKeys keys, String redisUrl) throws Exception {
        Map<String, String> envA = new HashMap<>(env);
        envA.put("NOWSERVING_DATA_DIR", dir.resolve("a").toString());
        Map<String, String> envB = new HashMap<>(env);
        envB.put("NOWSERVING_DATA_DIR", dir.resolve("b").toString());
        try (RedisConnection r = RedisConnection.connect(redisUrl);
                BackendProcess a = BackendProcess.start(envA)) {
            await(() -> leader(a), "the first instance leads");
            String holderA = r.sync().hget(keys.lease(), "holder");
            try (BackendProcess b = BackendProcess.start(envB)) {
                staffToken = login(b);
                for (String c : List.of("1", "2", "3")) {
                    send(b, "/api/v1/branches/main/counters/" + c + "/open", null);
                }
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicLong requests = new AtomicLong();
                ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
                long start = System.nanoTime();
                AtomicLong slot = new AtomicLong(start);
                long interval = TimeUnit.SECONDS.toNanos(1) / 1600; // ~1.3 events per request: ~2,000 events/s
                for (int i = 0; i < WORKERS; i++) {
                    int worker = i;
                    pool.submit(() -> {
                        while (running.get()) {
                            LockSupport.parkNanos(slot.getAndAdd(interval) - System.nanoTime());
                            boolean issue = worker % 3 != 2;
                            String path = issue ? "/api/v1/branches/main/tickets"
                                    : "/api/v1/branches/main/counters/" + (worker % 3 + 1) + "/call-next";
                            send(b, path, issue ? "{\"service\":\"" + (worker % 2 == 0 ? "a" : "b") + "\"}" : null);
                            requests.incrementAndGet();
                        }
                        return null;
                    });
                }
                await(() -> System.nanoTime() - start > TimeUnit.SECONDS.toNanos(3), "traffic before the kill");
                long seqAtKill = Long.parseLong(r.sync().get(keys.seq("main")));
                long killed = System.nanoTime();
                a.kill();
                long[] takeover = new long[1];
                await(() -> {
                    String h = r.sync().hget(keys.lease(), "holder");
                    takeover[0] = System.nanoTime();
                    return h != null && !h.equals(holderA);
                }, "the survivor takes the lease");
                long takeoverMs = TimeUnit.NANOSECONDS.toMillis(takeover[0] - killed);
                await(() -> System.nanoTime() - killed > TimeUnit.SECONDS.toNanos(4), "traffic after the kill");
                running.set(false);
                pool.shutdown();
                assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
                double seconds = (System.nanoTime() - start) / 1e9;
                long last = Long.parseLong(r.sync().get(keys.seq("main")));
                System.out.printf("failover: %d events in %.1f s (%.0f events/s), %d at the kill, takeover %d ms%n",
                        last, seconds, last / seconds, seqAtKill, takeoverMs);
                assertTrue(takeoverMs <= TTL_MS + MARGIN_MS, "takeover took " + takeoverMs + " ms");
                assertTrue(leader(b), "the survivor reports it leads");
                compare(r, keys, envB);
            }
        }
    }

    /** SQL holds exactly the stream's events: same keys and payloads, seq 1..N without a gap. */
    private void compare(RedisConnection r, RedisKeys keys, Map<String, String> env) throws Exception {
        List<StreamMessage<String, String>> stream = r.sync().xrange(keys.events("main"), Range.create("-", "+"));
        Map<Long, String> expected = new TreeMap<>();
        for (StreamMessage<String, String> m : stream) {
            expected.put(Long.parseLong(m.getId().substring(0, m.getId().indexOf('-'))), m.getBody().get("e"));
        }
        try (Database db = Database.open(env.get("DATABASE_URL"), env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"))) {
            await(() -> count(db) >= expected.size(), "SQL catches up with " + expected.size() + " events");
            Map<Long, String> stored = new TreeMap<>();
            try (Connection c = db.dataSource().getConnection();
                    PreparedStatement ps = c.prepareStatement("SELECT seq, payload FROM events WHERE branch_id = 'main'");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assertTrue(stored.put(rs.getLong(1), rs.getString(2)) == null, "seq stored twice");
                }
            }
            assertEquals(expected.size(), stored.size());
            assertEquals(expected, stored, "every event exactly once, byte for byte");
            assertEquals(1L, ((TreeMap<Long, String>) stored).firstKey());
            assertEquals(stored.size(), ((TreeMap<Long, String>) stored).lastKey(), "no gap in seq");
        }
    }

    private static long count(Database db) {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM events WHERE branch_id = 'main'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean leader(BackendProcess p) {
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(p.base().resolve("/readyz"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(res.body());
            return body.at("/writeBehind/leader").asBoolean(false);
        } catch (Exception e) {
            return false;
        }
    }

    private String login(BackendProcess p) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(p.base().resolve("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + OWNER_PASSWORD
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login refused: " + r.statusCode());
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("token").asText();
    }

    private void send(BackendProcess p, String path, String body) {
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(p.base().resolve(path)).timeout(Duration.ofSeconds(10))
                    .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                req.header("Content-Type", "application/json");
            }
            if (path.contains("/counters/")) {
                req.header("Authorization", "Bearer " + staffToken);
            }
            http.send(req.build(), HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            // a refused or slow request changes nothing the test compares
        }
    }

    private static void awaitRedis(String url) throws InterruptedException {
        await(() -> {
            try (RedisConnection c = RedisConnection.connect(url)) {
                return "PONG".equals(c.sync().ping());
            } catch (RuntimeException e) {
                return false;
            }
        }, "redis-server answers");
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        io.nowserving.backend.testing.Await.until(Duration.ofSeconds(60), what, condition);
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
