package io.nowserving.backend.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRedisTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String IN_USE = "is in use by another NowServing backend; give each instance its own "
            + "NOWSERVING_DATA_DIR or point them at one REDIS_URL";

    @TempDir
    Path dataDir;

    private final List<EmbeddedRedis> opened = new ArrayList<>();
    private final Set<Long> serverPids = new LinkedHashSet<>();
    private Process childJvm;
    private Path childBinary; // the killed child JVM could not delete its extracted redis-server

    @AfterEach
    void leavesNoRedisServerRunning() throws Exception {
        if (childJvm != null) {
            childJvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        RuntimeException closeFailed = null;
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (RuntimeException e) {
                closeFailed = e;
            }
        }
        List<Long> alive = serverPids.stream().filter(EmbeddedRedisTest::isAlive).toList();
        List<Long> inDataDir = Files.isDirectory(Path.of("/proc")) ? redisServersIn(dataDir) : List.of();
        alive.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        inDataDir.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        if (childBinary != null && childBinary.getParent().getFileName().toString().startsWith("redis-")) {
            Files.deleteIfExists(childBinary);
            Files.deleteIfExists(childBinary.getParent());
        }
        assertEquals(List.of(), alive, "redis-server processes left running");
        assertEquals(List.of(), inDataDir, "redis-server processes left running in the data directory");
        if (closeFailed != null) {
            throw closeFailed;
        }
    }

    @Test
    void startsOnLoopbackWithPasswordAndDurableSettingsAndLocksItsDataDirectory() throws Exception {
        EmbeddedRedis redis = start();

        assertTrue(redis.password().matches("[A-Za-z0-9_-]{32}"), "192 random bits, URL-safe");
        assertEquals("redis://:" + redis.password() + "@127.0.0.1:" + redis.port(), redis.url());
        RedisClient client = RedisClient.create(RedisURI.create(redis.url()));
        client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP2).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> commands = connection.sync();
            assertEquals("PONG", commands.ping());
            assertEquals(Map.of("appendfsync", "always"), commands.configGet("appendfsync"));
            assertEquals(Map.of("appendonly", "yes"), commands.configGet("appendonly"));
            assertEquals(Map.of("maxmemory-policy", "noeviction"), commands.configGet("maxmemory-policy"));
            assertEquals(Map.of("bind", "127.0.0.1"), commands.configGet("bind"));
        } finally {
            client.shutdown();
        }

        try (RespClient anonymous = RespClient.connect(redis.port(), WAIT)) {
            RespClient.ErrorReply refused = assertThrows(RespClient.ErrorReply.class, () -> anonymous.call("PING"));
            assertTrue(refused.getMessage().startsWith("NOAUTH"), refused.getMessage());
            assertThrows(RespClient.ErrorReply.class, () -> anonymous.call("AUTH", "not-the-password"));
        }

        IllegalStateException second = assertThrows(IllegalStateException.class, () -> start());
        assertTrue(second.getMessage().contains(IN_USE), second.getMessage());
        assertEquals("PONG", call(redis, "PING"), "the first server is untouched by the refused second start");

        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Path dir = dataDir.resolve("redis");
            for (String secret : List.of("password", "redis.conf")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(secret))));
            }
        }
    }

    @Test
    void keepsDataPasswordAndPortAcrossACleanRestart() throws Exception {
        EmbeddedRedis first = start();
        call(first, "SET", "ticket", "A001");
        first.close();
        assertFalse(isAlive(first.pid()), "close() waits for the server to exit");
        first.close(); // idempotent

        EmbeddedRedis second = start();
        assertEquals("A001", call(second, "GET", "ticket"));
        assertEquals(first.password(), second.password());
        assertEquals(first.port(), second.port());
    }

    @Test
    void restartsAKilledServerWithEveryAcknowledgedWrite() throws Exception {
        EmbeddedRedis redis = start();
        for (int round = 1; round <= 2; round++) {
            for (int i = 0; i < 50; i++) {
                call(redis, "INCR", "issued");
            }
            long killed = redis.pid();
            ProcessHandle.of(killed).orElseThrow().destroyForcibly();

            await("the supervisor starts a new redis-server", () -> redis.pid() != killed && answers(redis));
            serverPids.add(redis.pid());
            assertFalse(isAlive(killed));
            assertEquals(Long.toString(50L * round), call(redis, "GET", "issued"));
        }
    }

    @Test
    void failsWithTheEndOfRedisLogWhenTheServerCannotStartAndFreesTheDataDirectory() throws Exception {
        Path aof = Files.createDirectories(dataDir.resolve("redis").resolve("appendonly.aof"));

        IOException failed = assertThrows(IOException.class, () -> start());
        assertTrue(failed.getMessage().contains("before it answered on port"), failed.getMessage());
        assertTrue(failed.getMessage().contains("--- end of redis.log ---"), failed.getMessage());
        assertTrue(failed.getMessage().toLowerCase(Locale.ROOT).contains("append"), failed.getMessage());

        Files.delete(aof);
        assertEquals("PONG", call(start(), "PING"));
    }

    @Test
    void shutsDownTheServerOfABackendKilledWithSigkillAndStartsItsOwnOnTheSameData() throws Exception {
        long orphan = orphanOfABackendKilledWithSigkill();
        int port = new RedisFiles(dataDir).port().getAsInt();

        EmbeddedRedis redis = start();
        assertFalse(isAlive(orphan));
        assertTrue(Files.readString(dataDir.resolve("redis/redis.log")).matches("(?s).*\\b" + orphan + ":M .*User requested shutdown.*"),
                "the orphan was shut down (SHUTDOWN, AOF fsynced), not taken over or killed");
        assertNotEquals(orphan, redis.pid());
        assertEquals(port, redis.port());
        assertEquals("B042", call(redis, "GET", "ticket"));
        assumeTrue(Files.isDirectory(Path.of("/proc")), "the last check reads /proc");
        assertEquals(List.of(redis.pid()), redisServersIn(dataDir), "one redis-server serves this data directory");
    }

    @Test
    void killsTheHungServerOfABackendKilledWithSigkill() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc")), "SIGSTOP and /proc");
        long orphan = orphanOfABackendKilledWithSigkill();
        assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(orphan)).start().waitFor());

        EmbeddedRedis redis = start();
        assertFalse(isAlive(orphan), "a recorded redis-server that does not answer is killed");
        assertEquals("B042", call(redis, "GET", "ticket"));
        assertEquals(List.of(redis.pid()), redisServersIn(dataDir));
    }

    /** Runs a backend in a child JVM, writes "ticket" through its server, kills the JVM with -9. */
    private long orphanOfABackendKilledWithSigkill() throws Exception {
        childJvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedRedisChild.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("child.log").toFile())
                .start();
        RedisFiles files = new RedisFiles(dataDir);
        await("the child JVM starts its redis-server", () -> {
            assertTrue(childJvm.isAlive(), this::childLog);
            try {
                return files.pid().isPresent();
            } catch (IOException e) {
                return false; // being replaced right now
            }
        });
        long orphan = files.pid().getAsLong();
        serverPids.add(orphan);
        childBinary = ProcessHandle.of(orphan).flatMap(p -> p.info().command()).map(Path::of).orElse(null);
        try (RespClient c = RespClient.connect(files.port().getAsInt(), WAIT)) {
            c.call("AUTH", files.password());
            assertEquals("OK", c.call("SET", "ticket", "B042"));
        }
        IllegalStateException locked = assertThrows(IllegalStateException.class, () -> start());
        assertTrue(locked.getMessage().contains(IN_USE), "held by the live child JVM: " + locked.getMessage());

        childJvm.destroyForcibly(); // SIGKILL: no close(), the server lives on
        assertTrue(childJvm.waitFor(10, TimeUnit.SECONDS));
        assertTrue(isAlive(orphan), "the crashed backend left its redis-server running");
        return orphan;
    }

    private EmbeddedRedis start() throws IOException {
        EmbeddedRedis redis = EmbeddedRedis.start(dataDir);
        opened.add(redis);
        serverPids.add(redis.pid());
        return redis;
    }

    private static Object call(EmbeddedRedis redis, String... command) throws IOException {
        try (RespClient c = RespClient.connect(redis.port(), WAIT)) {
            c.call("AUTH", redis.password());
            return c.call(command);
        }
    }

    private static boolean answers(EmbeddedRedis redis) {
        try {
            return "PONG".equals(call(redis, "PING"));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessExit::isRunning).orElse(false);
    }

    /** Live redis-server processes working in {@code dataDir} (Linux: redis-server changes into its dir). */
    private static List<Long> redisServersIn(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("redis").toRealPath();
        return ProcessHandle.allProcesses()
                .filter(ProcessExit::isRunning)
                .filter(p -> p.info().command().map(c -> c.contains("redis-server")).orElse(false))
                .filter(p -> {
                    try {
                        return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).equals(dir);
                    } catch (IOException | UnsupportedOperationException e) {
                        return false; // gone, or not ours to inspect
                    }
                })
                .map(ProcessHandle::pid)
                .toList();
    }

    private String childLog() {
        try {
            return "child JVM died:\n" + Files.readString(dataDir.resolve("child.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "child JVM died";
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        io.nowserving.backend.testing.Await.until(WAIT, what, condition);
    }
}
