package io.nowserving.backend.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.RedisConnection;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import io.nowserving.backend.testing.TestRedis;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The epoch rule (new_epoch.lua through EpochGuard) and the gate that holds scripts until it ran. */
class EpochGuardTest {
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

    private static EpochGuard guard(long committed, String committedBranch) {
        return new EpochGuard(new ScriptRunner(redis.sync()), keys, new Ids(Clock.systemUTC()), new CommittedSeqs() {
            @Override
            public long committed(String branch) {
                return branch.equals(committedBranch) ? committed : 0;
            }

            @Override
            public Set<String> branches() {
                return committedBranch == null ? Set.of() : Set.of(committedBranch);
            }
        });
    }

    private static void redisAt(String b, String epoch, long seq) {
        redis.sync().set(keys.epoch(b), epoch);
        redis.sync().set(keys.seq(b), Long.toString(seq));
    }

    @Test
    void aRedisBehindWhatWasSeenStartsANewEpochContinuingAfterTheHighestSeen() {
        redisAt("g1", "old", 7);
        EpochGuard guard = guard(0, null);
        guard.record("g1", 12);
        guard.check(guard.branches());
        assertNotEquals("old", redis.sync().get(keys.epoch("g1")));
        assertEquals("12", redis.sync().get(keys.seq("g1")), "the next event is 13");
    }

    @Test
    void aRedisThatIsNotBehindIsLeftAlone() {
        redisAt("g2", "same", 12);
        EpochGuard guard = guard(0, null);
        guard.record("g2", 12);
        guard.record("g2", 5);
        guard.check(List.of("g2", "never-seen"));
        assertEquals("same", redis.sync().get(keys.epoch("g2")));
        assertEquals("12", redis.sync().get(keys.seq("g2")));
        assertFalse(redis.sync().exists(keys.epoch("never-seen")) > 0, "nothing known, nothing written");
    }

    @Test
    void theSqlFloorCountsEvenWhenThisInstanceSawNothing() {
        redisAt("g3", "old", 3);
        EpochGuard guard = guard(20, "g3");
        assertTrue(guard.branches().contains("g3"));
        guard.check(guard.branches());
        assertNotEquals("old", redis.sync().get(keys.epoch("g3")));
        assertEquals("20", redis.sync().get(keys.seq("g3")));
    }

    @Test
    void aClosedGateHoldsScriptsUntilOpenedAndFailsThemAfterItsLimit() throws Exception {
        EpochGate gate = new EpochGate(60_000);
        RedisCommands<String, String> held = gate.guard(redis.sync());
        gate.close();
        assertEquals("checking the event sequence after a Redis reconnect", gate.problem());
        CompletableFuture<Long> script = CompletableFuture.supplyAsync(
                () -> held.eval("return 7", ScriptOutputType.INTEGER));
        assertEquals("PONG", held.ping(), "other commands pass");
        assertFalse(script.isDone(), "a script cannot run while the gate is closed");
        gate.open();
        assertEquals(7L, script.get(30, TimeUnit.SECONDS));

        EpochGate quick = new EpochGate(50);
        quick.close();
        assertThrows(RedisException.class, () -> quick.guard(redis.sync()).eval("return 1", ScriptOutputType.INTEGER));
    }
}
