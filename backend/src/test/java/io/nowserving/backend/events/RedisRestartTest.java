package io.nowserving.backend.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.config.ConfigRepository;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.sql.Database;
import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.CrashableRedis;
import io.nowserving.backend.testing.Node;
import io.nowserving.backend.testing.SseReader;
import io.nowserving.backend.testing.SseReader.Frame;
import io.nowserving.backend.testing.TestBranches;
import io.nowserving.backend.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 2 when Redis loses the tail of its AOF under a running backend: Redis is killed with -9, its AOF cut
 * back to an earlier length (its seq rewinds), and started again. Readiness comes back by itself; every client
 * gets the missed events or a snapshot, never a silent gap, and no {@code <epoch>.<seq>} ever names two
 * different events: the instance starts a new epoch continuing after the highest seq it saw.
 */
class RedisRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String B = "rr";

    @Test
    void aRedisThatLostItsAofTailGetsANewEpochAndClientsNeverASilentGap(@TempDir Path dir) throws Exception {
        String db = Database.embeddedH2Url(dir.resolve("sql"));
        try (Database d = Database.open(db, "sa", "")) {
            new ConfigRepository(d.dataSource()).save(TestBranches.branch(B, 1, null));
        }
        String prefix = TestRedis.randomPrefix();
        RedisKeys keys = new RedisKeys(prefix);
        try (CrashableRedis redis = CrashableRedis.start(dir.resolve("redis"));
                Node node = Node.start(Node.env(dir.resolve("data"), redis.url(), prefix, db), FeedOptions.DEFAULTS);
                SseReader live = feed(node)) {
            node.counter(B, "1", "open");
            for (int i = 0; i < 5; i++) {
                node.issue(B, "a");
            }
            Frame kept = live.await(f -> f.isEvent() && f.seq() == 7, WAIT); // config, open, 5 tickets
            long cut = redis.aofSize();
            for (int i = 0; i < 5; i++) {
                node.issue(B, "b");
            }
            Frame lost = live.await(f -> f.isEvent() && f.seq() == 12, WAIT);
            String oldEpoch = lost.epoch();

            redis.kill();
            redis.truncateAof(cut); // seq 8..12 are gone from Redis, but clients saw them
            redis.restart();
            // readiness is a cached result (refreshed each second), so it may still say "ready" from before the
            // restart: wait for the epoch rule's own sign, then for readiness
            Await.until(WAIT, "a new epoch after Redis came back behind", () -> !oldEpoch.equals(get(redis,
                    keys.epoch(B))));
            node.awaitReady(WAIT);

            String newEpoch = get(redis, keys.epoch(B));
            assertNotEquals(oldEpoch, newEpoch, "Redis was behind what the instance saw: a new epoch");
            assertEquals("12", get(redis, keys.seq(B)), "its seq continues after the highest seen");
            try (SseReader lostTail = feed(node, "Last-Event-ID", lost.id());
                    SseReader keptPart = feed(node, "Last-Event-ID", kept.id())) {
                for (int i = 0; i < 3; i++) {
                    node.issue(B, "a");
                }
                for (SseReader r : List.of(live, lostTail, keptPart)) {
                    r.await(f -> f.isEvent() && f.id().equals(newEpoch + ".15"), WAIT);
                }
                Frame first = lostTail.nextEvent(WAIT);
                assertEquals("snapshot", first.event(), "an id of the lost tail gets a snapshot");
                assertEquals(newEpoch + ".12", first.id());
                assertEquals("snapshot", keptPart.nextEvent(WAIT).event(), "an id of the old epoch gets a snapshot");
                assertTrue(live.events().stream().anyMatch(f -> "snapshot".equals(f.event()) && f.epoch().equals(newEpoch)),
                        "the connected client is told to start over");
                Map<String, String> byId = new HashMap<>();
                for (SseReader r : List.of(live, lostTail, keptPart)) {
                    assertNoSilentGap(r.events());
                    for (Frame f : r.events()) {
                        if (!"snapshot".equals(f.event())) {
                            String before = byId.putIfAbsent(f.id(), f.data());
                            assertTrue(before == null || before.equals(f.data()), "two events named " + f.id());
                        }
                    }
                }
            }
        }
    }

    /** Each event follows its predecessor in the same epoch; only a snapshot may move a client elsewhere. */
    static void assertNoSilentGap(List<Frame> events) {
        Frame prev = null;
        for (Frame f : events) {
            assertNotNull(f.id(), "every event and snapshot has an id");
            if (prev != null && !"snapshot".equals(f.event())) {
                assertEquals(prev.epoch(), f.epoch(), "an epoch change without a snapshot: " + events);
                assertEquals(prev.seq() + 1, f.seq(), "a gap: " + events);
            }
            prev = f;
        }
    }

    private static SseReader feed(Node node, String... headers) {
        return SseReader.open(node.uri("/api/v1/branches/" + B + "/events"), headers);
    }

    private static String get(CrashableRedis redis, String key) {
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().get(key);
        } finally {
            client.shutdown();
        }
    }
}
