package io.nowserving.backend.redis;

import java.nio.file.Path;

/**
 * A backend JVM in miniature for {@link EmbeddedRedisTest}: starts the embedded Redis of the data
 * directory given as the argument and keeps it until its stdin closes. The test kills it with -9 to
 * leave an orphaned redis-server, exactly as a crashed backend would.
 */
final class EmbeddedRedisChild {

    private EmbeddedRedisChild() {
    }

    public static void main(String[] args) throws Exception {
        try (EmbeddedRedis redis = EmbeddedRedis.start(Path.of(args[0]))) {
            System.out.println("started pid " + redis.pid());
            while (System.in.read() >= 0) {
                // runs until the parent closes our stdin, or kills us
            }
        }
    }
}
