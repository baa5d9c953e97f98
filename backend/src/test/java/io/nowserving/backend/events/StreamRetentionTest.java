package io.nowserving.backend.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.redis.RedisConnection;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import io.nowserving.backend.testing.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * trim_stream.lua: at least the newest 1,000 events or the last 30 minutes, whichever is more, never past what
 * SQL committed; the readiness alarm on a stream past its bound.
 */
class StreamRetentionTest {
    private static final long MINUTE = 60_000;
    private static RedisConnection redis;
    private static RedisKeys keys;

    @BeforeAll
    static void connect() {
        redis = RedisConnection.connect(TestRedis.url());
        keys = new RedisKeys(TestRedis.randomPrefix());
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    /** Appends events seq from..to whose "at" is {@code agoMs} before Redis' clock. */
    private static void append(String b, long from, long to, long agoMs) {
        redis.sync().eval("""
                local t = redis.call('TIME')
                local at = tonumber(t[1]) * 1000 - tonumber(ARGV[3])
                for s = tonumber(ARGV[1]), tonumber(ARGV[2]) do
                  redis.call('XADD', KEYS[1], s .. '-0', 'e', cjson.encode({ epoch = 'e', seq = s, at = at }))
                end
                return 1""", ScriptOutputType.INTEGER, new String[] {keys.events(b)}, Long.toString(from),
                Long.toString(to), Long.toString(agoMs));
    }

    private static StreamRetention retention(long committed, long alarm) {
        CommittedSeqs floor = new CommittedSeqs() {
            @Override
            public long committed(String branch) {
                return committed;
            }

            @Override
            public Set<String> branches() {
                return Set.of();
            }
        };
        FeedOptions options = new FeedOptions(1024, Duration.ofSeconds(10), Duration.ofSeconds(15),
                Duration.ofSeconds(2), 2, 1000, Duration.ofMinutes(30), alarm, Duration.ofMinutes(1));
        return new StreamRetention(new ScriptRunner(redis.sync()), keys, TestBackend.JSON, List::of, floor,
                options);
    }

    private static long firstSeq(String b) {
        String id = redis.sync().xrange(keys.events(b), Range.create("-", "+"), io.lettuce.core.Limit.create(0, 1))
                .get(0).getId();
        return Long.parseLong(id.substring(0, id.indexOf('-')));
    }

    @Test
    void nothingIsTrimmedThatSqlHasNotCommitted() {
        append("r0", 1, 3000, 120 * MINUTE);
        assertEquals(new StreamRetention.Result(3000, 0), retention(0, 1_000_000).trim("r0"), "none committed");
        assertEquals(new StreamRetention.Result(1500, 1500), retention(1500, 1_000_000).trim("r0"));
        assertEquals(1501, firstSeq("r0"), "seq 1501 is not committed: it stays");
    }

    @Test
    void atLeastTheNewestThousandAreKept() {
        append("r1", 1, 3000, 120 * MINUTE);
        assertEquals(new StreamRetention.Result(1000, 2000), retention(3000, 1_000_000).trim("r1"));
        assertEquals(2001, firstSeq("r1"));
        assertEquals(new StreamRetention.Result(1000, 0), retention(3000, 1_000_000).trim("r1"), "and no fewer");
    }

    @Test
    void atLeastTheLastThirtyMinutesAreKeptWhenThatIsMore() {
        append("r2", 1, 1000, 120 * MINUTE);
        append("r2", 1001, 2000, 40 * MINUTE);
        append("r2", 2001, 3500, 20 * MINUTE);
        append("r2", 3501, 4000, MINUTE);
        assertEquals(new StreamRetention.Result(2000, 2000), retention(4000, 1_000_000).trim("r2"));
        assertEquals(2001, firstSeq("r2"), "everything of the last 30 minutes");
    }

    @Test
    void aStreamWithAnEpochJumpIsTrimmedByEntriesNotBySeqArithmetic() {
        append("r3", 1, 1000, 120 * MINUTE);
        append("r3", 2001, 3500, 120 * MINUTE); // a new epoch continued from a higher seq
        assertEquals(new StreamRetention.Result(1000, 1500), retention(3500, 1_000_000).trim("r3"));
        assertEquals(2501, firstSeq("r3"));
    }

    @Test
    void aStreamPastItsBoundTurnsReadinessDegraded() {
        append("r4", 1, 300, MINUTE);
        StreamRetention r = retention(0, 200);
        assertNull(r.problem(), "nothing measured yet");
        r.trim("r4");
        assertTrue(r.problem().startsWith("degraded"), r.problem());
        assertTrue(r.problem().contains("r4: 300"));
    }

    @Test
    void aLongStreamLeavesInstancesServingWithReadinessDegraded(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (TestBackend backend = TestBackend.start(dir, java.util.Map.of("NOWSERVING_STREAM_ALARM_ENTRIES", "5"),
                io.nowserving.backend.testing.TestBranches.branch("r5", 1, null))) {
            assertEquals("ready", backend.get("/readyz").body().get("status").asText());
            for (int i = 0; i < 8; i++) {
                assertEquals(201, backend.issue("r5", "a").status());
            }
            backend.app().streamRetention().runAll();
            backend.app().refreshReadiness();
            TestBackend.Reply ready = backend.get("/readyz");
            assertEquals(200, ready.status(), "every instance shares the stream: none is taken out of service");
            assertEquals("degraded", ready.body().get("status").asText(), () -> ready.body().toString());
            assertTrue(ready.body().get("checks").get("eventStream").asText().contains("r5"));
            assertEquals("ok", ready.body().get("checks").get("redis").asText());
        }
    }
}
