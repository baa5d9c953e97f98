package io.nowserving.backend.writebehind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.redis.RedisConnection;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.sql.Database;
import io.nowserving.backend.sql.TestDatabase;
import io.nowserving.backend.sql.TestDatabases;
import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.BackendProcess;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestRedis;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.h2.tools.Server;
import redis.embedded.core.ExecutableProvider;

/**
 * Backends as packaged jars in JVMs of their own ({@link BackendProcess}) on a redis-server of the test's own (AOF
 * everysec) and one database: an H2 TCP server (H2 in server mode), or a fresh database on the machine's
 * PostgreSQL when {@code nowserving.test.database.url} is set. Lease TTL {@value #TTL_MS} ms. Also the checks the
 * history ITs share: the lease holder, SQL's fence, and "SQL holds the stream exactly once".
 */
final class JarFixture implements AutoCloseable {
    static final long TTL_MS = 3000;
    static final String OWNER_PASSWORD = "history-it-owner-password";

    private final Path dir;
    private final int redisPort = freePort();
    private final Map<String, String> env = new HashMap<>();
    private final List<BackendProcess> started = new ArrayList<>();
    final RedisKeys keys = new RedisKeys(TestRedis.randomPrefix());
    private Process redisServer;
    private int redisRuns;
    private RedisConnection redis;
    private Server h2;
    private TestDatabase pg;
    private Database db;

    JarFixture(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        startRedis();
        if (TestDatabases.usingPostgres()) {
            pg = TestDatabases.create(dir);
            env.put("DATABASE_URL", pg.url());
            env.put("DATABASE_USER", pg.user());
            env.put("DATABASE_PASSWORD", pg.password());
        } else {
            try {
                h2 = Server.createTcpServer("-tcp", "-tcpPort", "0", "-ifNotExists", "-baseDir",
                        dir.resolve("h2").toString()).start();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            env.put("DATABASE_URL", "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/history");
            env.put("DATABASE_USER", "sa");
            env.put("DATABASE_PASSWORD", "");
        }
        env.put("REDIS_URL", "redis://127.0.0.1:" + redisPort);
        env.put("NOWSERVING_REDIS_PREFIX", keys.prefix());
        env.put("NOWSERVING_LEASE_TTL_MS", Long.toString(TTL_MS));
        env.put("NOWSERVING_ADMIN_PASSWORD", OWNER_PASSWORD);
        env.put("NOWSERVING_PASSWORD_COST", "1");
        env.put("NOWSERVING_RATE_LIMIT_PER_MINUTE", "1000000");
        env.put("NOWSERVING_FEED_CONNECTIONS_PER_ADDRESS", "100000");
    }

    String database() {
        return pg != null ? "PostgreSQL" : "H2 (server mode)";
    }

    /** The environment of instance {@code name} (its own data directory). */
    Map<String, String> env(String name) {
        Map<String, String> e = new HashMap<>(env);
        e.put("NOWSERVING_DATA_DIR", dir.resolve(name).toString());
        return e;
    }

    /** Starts instance {@code name} from the packaged jar; returns once it is ready. */
    BackendProcess start(String name) throws IOException, InterruptedException {
        BackendProcess p = BackendProcess.start(env(name));
        started.add(p);
        return p;
    }

    /** Starts instance {@code name} and waits until its writer leads (the first instance of a fixture). */
    BackendProcess startLeader(String name) throws IOException, InterruptedException {
        BackendProcess p = start(name);
        await(name + " leads", () -> leads(p));
        return p;
    }

    /** Signs in as the first owner (staff sessions live in Redis: again after a wipe). */
    static String signIn(BackendProcess p) {
        return TestBackend.tokenOf(p.send("POST", "/api/v1/auth/login", "{\"username\":\"admin\",\"password\":\""
                + OWNER_PASSWORD + "\"}"));
    }

    RedisCommands<String, String> redis() {
        return redis.sync();
    }

    RedisConnection redisConnection() {
        return redis;
    }

    /** Redis lost: the server stopped, its files gone, started again empty on the same port. */
    void wipeRedis() throws IOException, InterruptedException {
        redis.close();
        redisServer.destroyForcibly();
        redisServer.waitFor(20, TimeUnit.SECONDS);
        startRedis();
    }

    private void startRedis() throws IOException, InterruptedException {
        Path data = dir.resolve("redis-" + ++redisRuns);
        java.nio.file.Files.createDirectories(data);
        redisServer = new ProcessBuilder(ExecutableProvider.newJarResourceProvider().get().getAbsolutePath(),
                "--port", Integer.toString(redisPort), "--bind", "127.0.0.1", "--dir", data.toString(),
                "--appendonly", "yes", "--appendfsync", "everysec", "--save", "").redirectErrorStream(true)
                .redirectOutput(data.resolve("redis.log").toFile()).start();
        String url = "redis://127.0.0.1:" + redisPort;
        await("redis-server answers", () -> {
            try (RedisConnection c = RedisConnection.connect(url)) {
                return "PONG".equals(c.sync().ping());
            } catch (RuntimeException e) {
                return false;
            }
        });
        redis = RedisConnection.connect(url);
    }

    String leaseHolder() {
        return redis().hget(keys.lease(), "holder");
    }

    long leaseToken() {
        String t = redis().hget(keys.lease(), "token");
        return t == null ? 0 : Long.parseLong(t);
    }

    /** Whether the instance's readiness says its writer leads. */
    static boolean leads(BackendProcess p) {
        try {
            TestBackend.Reply r = p.send("GET", "/readyz", null);
            return r.body() != null && r.body().at("/writeBehind/leader").asBoolean(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The SQL database, opened from the test (after an instance has migrated it). */
    Database db() {
        if (db == null) {
            db = pg != null ? pg.open() : Database.open(env.get("DATABASE_URL"), "sa", "");
        }
        return db;
    }

    long fenceToken() {
        return queryLong("SELECT token FROM writer_fence WHERE id = 1");
    }

    long committedSeq(String branch) {
        return queryLong("SELECT COALESCE(MAX(seq), 0) FROM events WHERE branch_id = '" + branch + "'");
    }

    private long queryLong(String sql) {
        try (Connection c = db().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Once SQL has caught up: it holds exactly the events of the branch's stream (same keys, byte-equal payloads,
     * each once), seq 1..N without a gap.
     */
    void assertSqlHoldsTheStreamExactlyOnce(String branch) throws InterruptedException {
        List<StreamMessage<String, String>> stream = redis().xrange(keys.events(branch), Range.create("-", "+"));
        TreeMap<Long, String> expected = new TreeMap<>();
        for (StreamMessage<String, String> m : stream) {
            expected.put(Long.parseLong(m.getId().substring(0, m.getId().indexOf('-'))), m.getBody().get("e"));
        }
        await("SQL catches up with " + expected.size() + " events",
                () -> committedSeq(branch) >= expected.lastKey());
        TreeMap<Long, String> stored = new TreeMap<>();
        try (Connection c = db().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT seq, payload FROM events WHERE branch_id = ?")) {
            ps.setString(1, branch);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assertNull(stored.put(rs.getLong(1), rs.getString(2)), "seq " + rs.getLong(1) + " stored twice");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(expected.size(), stored.size(), "as many rows as stream entries");
        assertEquals(expected, stored, "every event exactly once, byte for byte");
        assertEquals(1L, stored.firstKey());
        assertEquals(stored.size(), stored.lastKey(), "no gap in seq");
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(Duration.ofSeconds(60), what, condition);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (BackendProcess p : started) {
            p.close();
        }
        if (db != null && pg == null) {
            db.close();
        }
        redis.close();
        redisServer.destroyForcibly();
        redisServer.waitFor(20, TimeUnit.SECONDS);
        if (h2 != null) {
            h2.stop();
        }
        if (pg != null) {
            pg.close();
        }
    }
}
