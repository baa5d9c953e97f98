package io.nowserving.backend.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nowserving.backend.BackupCommand;
import io.nowserving.backend.RecoverCommand;
import io.nowserving.backend.Settings;
import io.nowserving.backend.sql.Database;
import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.TestBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented backup and restore (docs/OPERATING.md): {@code redis-cli --rdb} for Redis, the backend's
 * {@code backup}/{@code restore} for H2. Restored into an empty system, the same configuration, users, history and
 * live queue come back; restored from SQL alone, {@code recover} brings the live queue back.
 */
class BackupRestoreTest {
    private static final String REDIS_PASSWORD = "redis-password-for-tests";

    @TempDir
    Path dir;

    @Test
    void aRestoredSystemHasTheSameConfigurationUsersHistoryAndLiveQueue() throws Exception {
        Path backup = Files.createDirectories(dir.resolve("backup"));
        Map<String, JsonNode> before;
        try (RedisServerProcess redis = RedisServerProcess.bundled(dir.resolve("redis-a"), "--requirepass", REDIS_PASSWORD,
                "--appendonly", "yes", "--appendfsync", "always")) {
            try (TestBackend a = TestBackend.start(dir.resolve("a"), env(redis, dir.resolve("a"), true))) {
                work(a);
                before = state(a);
            }
            // the documented Redis backup: a snapshot taken over the wire from the running server
            run("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(redis.port()), "--rdb",
                    backup.resolve("redis.rdb").toString());
        }
        assertEquals(0, BackupCommand.backup(settings(dir.resolve("a")), List.of(backup.resolve("nowserving.sql")
                .toString()), quiet()));

        assertEquals(1, BackupCommand.backup(settings(dir.resolve("none")), List.of(backup.resolve("none.sql")
                .toString()), quiet()), "no database there: nothing to back up, and none made");
        assertTrue(!Files.exists(dir.resolve("none").resolve("db")));

        Path redisB = Files.createDirectories(dir.resolve("redis-b"));
        Files.copy(backup.resolve("redis.rdb"), redisB.resolve("dump.rdb"));
        assertEquals(0, BackupCommand.restore(settings(dir.resolve("b")), List.of(backup.resolve("nowserving.sql")
                .toString()), quiet()));
        try (RedisServerProcess redis = RedisServerProcess.bundled(redisB, "--requirepass", REDIS_PASSWORD,
                "--appendonly", "no", "--dbfilename", "dump.rdb");
                TestBackend b = TestBackend.startWithoutStaff(dir.resolve("b"), env(redis, dir.resolve("b"), false))) {
            b.signInAgain();
            assertEquals(before, state(b));
        }

        // SQL alone (Redis lost): restore, then `recover` rebuilds the live queue from the history
        assertEquals(1, BackupCommand.restore(settings(dir.resolve("b")), List.of(backup.resolve("nowserving.sql")
                .toString()), quiet()), "never over a database that has tables");
        assertEquals(0, BackupCommand.restore(settings(dir.resolve("c")), List.of(backup.resolve("nowserving.sql")
                .toString()), quiet()));
        try (RedisServerProcess redis = RedisServerProcess.bundled(dir.resolve("redis-c"), "--requirepass",
                REDIS_PASSWORD)) {
            Map<String, String> env = env(redis, dir.resolve("c"), false);
            assertEquals(0, RecoverCommand.run(Settings.from(env, n -> null), List.of("main"), quiet()));
            try (TestBackend c = TestBackend.startWithoutStaff(dir.resolve("c"), env)) {
                c.signInAgain();
                assertEquals(before.get("tickets"), state(c).get("tickets"));
                assertEquals(before.get("users"), state(c).get("users"));
            }
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

    private static Map<String, String> env(RedisServerProcess redis, Path data, boolean seed) {
        return Map.of("REDIS_URL", url(redis), "DATABASE_URL", Database.embeddedH2Url(data), "DATABASE_USER", "",
                "DATABASE_PASSWORD", "", "NOWSERVING_SEED_DEMO", Boolean.toString(seed), "NOWSERVING_REDIS_PREFIX", "ns:");
    }

    private static Settings settings(Path data) {
        return Settings.from(Map.of("DATABASE_URL", Database.embeddedH2Url(data)), n -> null);
    }

    private static String url(RedisServerProcess redis) {
        return "redis://:" + REDIS_PASSWORD + "@127.0.0.1:" + redis.port();
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().put("REDISCLI_AUTH", REDIS_PASSWORD);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), out);
    }
}
