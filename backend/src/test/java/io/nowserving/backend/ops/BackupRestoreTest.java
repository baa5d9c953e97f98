package io.nowserving.backend.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nowserving.backend.BackupCommand;
import io.nowserving.backend.RecoverCommand;
import io.nowserving.backend.Settings;
import io.nowserving.backend.sql.Database;
import io.nowserving.backend.sql.TestDatabase;
import io.nowserving.backend.sql.TestDatabases;
import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.TestBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented backup and restore (docs/OPERATING.md): {@code redis-cli --rdb} for Redis, the backend's
 * {@code backup}/{@code restore} for H2, and {@code pg_dump -Fc}/{@code pg_restore} when the tests run on PostgreSQL
 * ({@code nowserving.test.database.url}). Restored into an empty system, the same configuration, users, history and
 * live queue come back; restored from SQL alone, {@code recover} brings the live queue back.
 */
class BackupRestoreTest {
    private static final String REDIS_PASSWORD = "redis-password-for-tests";

    @TempDir
    Path dir;

    @Test
    void aRestoredSystemHasTheSameConfigurationUsersHistoryAndLiveQueue() throws Exception {
        try (SqlStore sql = TestDatabases.usingPostgres() ? new Postgres(dir) : new H2(dir)) {
            restoreIntoAnEmptySystem(sql);
        }
    }

    private void restoreIntoAnEmptySystem(SqlStore sql) throws Exception {
        Path backup = Files.createDirectories(dir.resolve("backup"));
        Path dump = backup.resolve(sql.dumpName());
        Map<String, JsonNode> before;
        try (RedisServerProcess redis = RedisServerProcess.bundled(dir.resolve("redis-a"), "--requirepass", REDIS_PASSWORD,
                "--appendonly", "yes", "--appendfsync", "always")) {
            try (TestBackend a = TestBackend.start(dir.resolve("a"), env(redis, sql, "a", true))) {
                work(a);
                before = state(a);
            }
            // the documented Redis backup: a snapshot taken over the wire from the running server
            assertEquals(0, run(Map.of("REDISCLI_AUTH", REDIS_PASSWORD), "redis-cli", "-h", "127.0.0.1", "-p",
                    Integer.toString(redis.port()), "--rdb", backup.resolve("redis.rdb").toString()));
        }
        sql.backup("a", dump);

        Path redisB = Files.createDirectories(dir.resolve("redis-b"));
        Files.copy(backup.resolve("redis.rdb"), redisB.resolve("dump.rdb"));
        assertEquals(0, sql.restore("b", dump));
        try (RedisServerProcess redis = RedisServerProcess.bundled(redisB, "--requirepass", REDIS_PASSWORD,
                "--appendonly", "no", "--dbfilename", "dump.rdb");
                TestBackend b = TestBackend.startWithoutStaff(dir.resolve("b"), env(redis, sql, "b", false))) {
            b.signInAgain();
            assertEquals(before, state(b));
        }

        // SQL alone (Redis lost): restore, then `recover` rebuilds the live queue from the history
        long events = sql.events("b");
        assertEquals(1, sql.restore("b", dump), "never over a database that has tables");
        assertEquals(events, sql.events("b"), "and nothing restored there");
        assertEquals(0, sql.restore("c", dump));
        try (RedisServerProcess redis = RedisServerProcess.bundled(dir.resolve("redis-c"), "--requirepass",
                REDIS_PASSWORD)) {
            Map<String, String> env = env(redis, sql, "c", false);
            assertEquals(0, RecoverCommand.run(Settings.from(env, n -> null), List.of("main"), quiet()));
            try (TestBackend c = TestBackend.startWithoutStaff(dir.resolve("c"), env)) {
                c.signInAgain();
                assertEquals(before.get("tickets"), state(c).get("tickets"));
                assertEquals(before.get("users"), state(c).get("users"));
            }
        }
    }

    /** The SQL store of systems "a" (backed up), "b" and "c" (restored into), with its documented backup and restore. */
    private interface SqlStore extends AutoCloseable {
        String dumpName();

        /** DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD of a system. */
        Map<String, String> env(String system);

        void backup(String system, Path dump) throws Exception;

        /** The restore's exit status: 0 restored, 1 refused or failed. */
        int restore(String system, Path dump) throws Exception;

        /** How many events the history of a system holds. */
        default long events(String system) throws SQLException {
            Map<String, String> env = env(system);
            try (Connection c = DriverManager.getConnection(env.get("DATABASE_URL"), env.get("DATABASE_USER"),
                    env.get("DATABASE_PASSWORD")); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COUNT(*) FROM events")) {
                assertTrue(r.next());
                return r.getLong(1);
            }
        }

        @Override
        void close();
    }

    /** H2: the backend's own {@code backup} and {@code restore}. */
    private record H2(Path dir) implements SqlStore {
        @Override
        public String dumpName() {
            return "nowserving.sql";
        }

        @Override
        public Map<String, String> env(String system) {
            return Map.of("DATABASE_URL", Database.embeddedH2Url(dir.resolve(system)), "DATABASE_USER", "",
                    "DATABASE_PASSWORD", "");
        }

        @Override
        public void backup(String system, Path dump) {
            assertEquals(0, BackupCommand.backup(settings(system), List.of(dump.toString()), quiet()));
            Path none = dump.resolveSibling("none.sql");
            assertEquals(1, BackupCommand.backup(settings("none"), List.of(none.toString()), quiet()),
                    "no database there: nothing to back up, and none made");
            assertTrue(!Files.exists(dir.resolve("none").resolve("db")));
        }

        @Override
        public int restore(String system, Path dump) {
            return BackupCommand.restore(settings(system), List.of(dump.toString()), quiet());
        }

        private Settings settings(String system) {
            return Settings.from(Map.of("DATABASE_URL", Database.embeddedH2Url(dir.resolve(system))), n -> null);
        }

        @Override
        public void close() {
        }
    }

    /**
     * PostgreSQL (the CI pass with {@code nowserving.test.database.url}): {@code pg_dump -Fc} and {@code pg_restore
     * --single-transaction --exit-on-error} exactly as documented (all or nothing: over existing tables it fails and
     * changes nothing), reaching the server through libpq's PGHOST, PGPORT, PGUSER and PGPASSWORD; "b" and "c"
     * are new empty databases made with {@code createdb -T template0}.
     */
    private static final class Postgres implements SqlStore {
        private final Map<String, TestDatabase> databases = new LinkedHashMap<>();

        Postgres(Path dir) throws IOException, InterruptedException {
            for (String system : List.of("a", "b", "c")) {
                databases.put(system, TestDatabases.create(dir.resolve(system)));
            }
            for (String system : List.of("b", "c")) { // made again as documented; closing drops them as before
                assertEquals(0, run(libpq(system), "dropdb", name(system)));
                assertEquals(0, run(libpq(system), "createdb", "-T", "template0", name(system)));
            }
        }

        @Override
        public String dumpName() {
            return "nowserving.dump";
        }

        @Override
        public Map<String, String> env(String system) {
            TestDatabase db = databases.get(system);
            return Map.of("DATABASE_URL", db.url(), "DATABASE_USER", db.user(), "DATABASE_PASSWORD", db.password());
        }

        @Override
        public void backup(String system, Path dump) throws Exception {
            assertEquals(2, BackupCommand.backup(Settings.from(env(system), n -> null), List.of(dump.toString()),
                    quiet()), "the backend's backup is for H2 and points to pg_dump");
            assertEquals(0, run(libpq(system), "pg_dump", "-Fc", "-f", dump.toString(), name(system)));
        }

        @Override
        public int restore(String system, Path dump) throws Exception {
            return run(libpq(system), "pg_restore", "--single-transaction", "--exit-on-error", "-d", name(system),
                    dump.toString());
        }

        private String name(String system) {
            return server(system).getPath().substring(1);
        }

        private URI server(String system) {
            String url = databases.get(system).url();
            return URI.create(url.substring("jdbc:".length()).replaceFirst("\\?.*$", ""));
        }

        private Map<String, String> libpq(String system) {
            URI server = server(system);
            TestDatabase db = databases.get(system);
            return Map.of("PGHOST", server.getHost(), "PGPORT", Integer.toString(server.getPort() < 0 ? 5432
                    : server.getPort()), "PGUSER", db.user(), "PGPASSWORD", db.password());
        }

        @Override
        public void close() {
            databases.values().forEach(TestDatabase::close);
        }
    }

    /** Configuration, users, history and the live queue changed: a new service and admin, served and waiting tickets. */
    private static void work(TestBackend a) throws InterruptedException {
        assertEquals(200, a.owner("PUT", "/api/v1/branches/main/services/c", "{\"name\":\"Passports\",\"prefix\":\"C\","
                + "\"dailyCapacity\":null,\"targetWaitSeconds\":900,\"noShowGraceSeconds\":120}").status());
        a.createUser("ann", "ann-password-for-tests", "admin", "main");
        for (String service : List.of("a", "a", "b", "c", "a")) {
            assertEquals(201, a.issue("main", service).status());
        }
        assertEquals(200, a.counter("main", "1", "open").status());
        assertEquals(200, a.counter("main", "2", "open").status());
        assertEquals(200, a.counter("main", "1", "call-next").status());
        assertEquals(200, a.counter("main", "1", "complete").status());
        assertEquals(200, a.counter("main", "2", "call-next").status());
        Await.until(Duration.ofSeconds(30), "the history is written", () -> {
            JsonNode wb = a.get("/readyz").body().path("writeBehind").path("main");
            return wb.path("lagEvents").asLong(-1) == 0 && wb.path("committedSeq").asLong() > 0;
        });
    }

    /** What a restore must bring back; the snapshot without the clock's reading and the wait estimates. */
    private static Map<String, JsonNode> state(TestBackend s) {
        ObjectNode snapshot = (ObjectNode) s.staffGet("/api/v1/branches/main").body();
        snapshot.remove("serverTime");
        snapshot.withArray("services").forEach(service -> ((ObjectNode) service).remove("estimatedWait"));
        Map<String, JsonNode> state = Map.of("config", s.owner("GET", "/api/v1/branches/main/config", null).body(),
                "users", s.owner("GET", "/api/v1/users", null).body(),
                "history", s.owner("GET", "/api/v1/branches/main/history", null).body(),
                "tickets", s.staffGet("/api/v1/branches/main/tickets").body(),
                "snapshot", snapshot);
        state.forEach((what, json) -> assertTrue(json.isContainerNode() && !json.isEmpty(),
                what + ": " + json));
        assertEquals(3, snapshot.withArray("services").findValues("waiting").stream().mapToInt(JsonNode::asInt).sum(),
                snapshot.toString());
        return state;
    }

    private static Map<String, String> env(RedisServerProcess redis, SqlStore sql, String system, boolean seed) {
        Map<String, String> env = new HashMap<>(sql.env(system));
        env.putAll(Map.of("REDIS_URL", url(redis), "NOWSERVING_SEED_DEMO", Boolean.toString(seed),
                "NOWSERVING_REDIS_PREFIX", "ns:"));
        return env;
    }

    private static String url(RedisServerProcess redis) {
        return "redis://:" + REDIS_PASSWORD + "@127.0.0.1:" + redis.port();
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    /** Runs a command with {@code env} added to its environment; its exit status (it must end within a minute). */
    private static int run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().putAll(env);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        if (p.exitValue() != 0) {
            System.out.println(String.join(" ", command) + ": exit " + p.exitValue() + "\n" + out);
        }
        return p.exitValue();
    }
}
