package io.nowserving.backend.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisCommandExecutionException;
import io.nowserving.backend.App;
import io.nowserving.backend.Settings;
import io.nowserving.backend.redis.RedisConnection;
import io.nowserving.backend.sql.Database;
import io.nowserving.backend.testing.Await;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hardened Redis of docs/OPERATING.md: TLS only (a certificate made here by openssl), the default user off, and
 * an ACL user allowed only the commands NowServing sends, on its own keys and channels. The backend starts on it
 * through {@code rediss://user:password@…} and NOWSERVING_REDIS_CA_FILE, serves tickets, and is ready.
 */
class RedisTlsAclTest {
    /** The ACL rules of docs/OPERATING.md (keep both the same). */
    static final String ACL = "resetkeys ~ns:* resetchannels &ns:* &ns:{*}:live -@all +auth +hello +ping +info"
            + " +time +role +command +client|setname +client|id +config|get +eval +evalsha"
            + " +script|load +script|exists +multi +exec +discard +watch +unwatch +get +set +setex +psetex +setnx +mget"
            + " +incr +incrby +del +unlink +exists +expire +pexpire +pexpireat +ttl +pttl +type +scan +hset +hsetnx"
            + " +hget +hmget +hgetall +hdel +hincrby +hlen +hexists +hkeys +hvals +hscan +lpush +rpush +lpop +rpop"
            + " +lrange +ltrim +llen +lrem +sadd +srem +smembers +sismember +scard +sscan +zadd +zrem +zrange"
            + " +zrevrange +zrangebyscore +zrevrangebyscore +zrank +zscore +zcard +zcount +zincrby +zremrangebyrank"
            + " +zremrangebyscore +zpopmin +zscan +xadd +xrange +xrevrange +xlen +xread +xreadgroup +xgroup +xack"
            + " +xpending +xclaim +xtrim +xinfo +xdel +publish +psubscribe +punsubscribe +subscribe +unsubscribe";

    @TempDir
    Path dir;

    @Test
    void theBackendRunsOnATlsRedisAsAnAclUserThatMayDoNothingElse() throws Exception {
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", dir.resolve("redis.key").toString(),
                "-out", dir.resolve("redis.crt").toString());
        List<String> options = new ArrayList<>(List.of("--tls-port", "{port}", "--tls-cert-file",
                dir.resolve("redis.crt").toString(), "--tls-key-file", dir.resolve("redis.key").toString(),
                "--tls-auth-clients", "no", "--protected-mode", "yes", "--maxmemory-policy", "noeviction",
                "--user", "default", "off", "--user", "nowserving", "on", ">acl-password-for-tests"));
        options.addAll(List.of(ACL.split(" ")));
        try (RedisServerProcess redis = RedisServerProcess.start(new File("/usr/bin/redis-server"), dir.resolve("redis"),
                options.toArray(String[]::new))) {
            String url = "rediss://nowserving:acl-password-for-tests@127.0.0.1:" + redis.port();
            Optional<Path> ca = Optional.of(dir.resolve("redis.crt"));
            try (RedisConnection c = RedisConnection.connect(url, ca)) {
                assertEquals("PONG", c.sync().ping());
                RedisCommandExecutionException refused = assertThrows(RedisCommandExecutionException.class,
                        () -> c.sync().flushall());
                assertTrue(refused.getMessage().startsWith("NOPERM"), refused.getMessage());
                assertThrows(RedisCommandExecutionException.class, () -> c.sync().set("other:key", "x"));
            }
            assertThrows(RuntimeException.class, () -> RedisConnection.connect(url).close(),
                    "the JVM's authorities do not know this certificate");

            Map<String, String> env = Map.of("REDIS_URL", url, "NOWSERVING_REDIS_CA_FILE", ca.get().toString(),
                    "DATABASE_URL", Database.embeddedH2Url(dir.resolve("data")), "NOWSERVING_HTTP_PORT", "0",
                    "NOWSERVING_BIND", "127.0.0.1", "NOWSERVING_DATA_DIR", dir.resolve("data").toString(),
                    "NOWSERVING_ADMIN_PASSWORD", "owner-password-for-tests", "NOWSERVING_PASSWORD_COST", "1",
                    "NOWSERVING_SHUTDOWN_GRACE_MS", "100");
            try (App app = App.start(Settings.from(env, n -> null))) {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + app.port();
                HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/api/v1/branches/main/tickets")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"a\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(201, issued.statusCode(), issued.body());
                Await.until(Duration.ofSeconds(30), "ready with the history written", () -> {
                    try {
                        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base + "/readyz"))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        return ready.statusCode() == 200 && ready.body().contains("\"status\":\"ready\"")
                                && ready.body().contains("\"lagEvents\":0");
                    } catch (Exception e) {
                        return false;
                    }
                });
            }
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), out);
    }
}
