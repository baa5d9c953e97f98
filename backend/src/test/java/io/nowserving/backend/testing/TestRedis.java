package io.nowserving.backend.testing;

import io.nowserving.backend.redis.EmbeddedRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The Redis the suite shares: the machine's own when {@code nowserving.test.redis.url} is set (CI), else one
 * embedded redis-server for the whole JVM. Tests isolate themselves by a random key prefix, never by FLUSHALL.
 * Tests that kill or restart Redis start their own {@link EmbeddedRedis}.
 */
public final class TestRedis {
    private static String url;

    private TestRedis() {
    }

    public static synchronized String url() {
        if (url == null) {
            String configured = System.getProperty("nowserving.test.redis.url", "");
            if (!configured.isBlank()) {
                url = configured;
            } else {
                try {
                    Path dir = Files.createTempDirectory("ns-test-redis");
                    EmbeddedRedis redis = EmbeddedRedis.start(dir);
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        redis.close();
                        deleteTree(dir); // ~20 MB a run: CI runs on the same machine again and again
                    }, "ns-test-redis-stop"));
                    url = redis.url();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            CommandLog.startRecording(url);
        }
        return url;
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort at exit
        }
    }

    /** A fresh key prefix, so tests sharing one Redis never see each other's keys. */
    public static String randomPrefix() {
        return "t" + Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36) + ":";
    }
}
