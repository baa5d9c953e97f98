package io.nowserving.backend.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.testing.TestRedis;
import org.junit.jupiter.api.Test;

/** A state-changing script run twice with the same request id answers the first result and changes nothing. */
class ExactlyOnceScriptTest {
    private static final LuaScript COUNT = LuaScript.load(ExactlyOnceScriptTest.class, "count_once.lua");

    @Test
    void aSecondRunOfTheSameExecutionAnswersTheFirstResultAndChangesNothing() {
        try (RedisConnection redis = RedisConnection.connect(TestRedis.url())) {
            RedisCommands<String, String> r = redis.sync();
            RedisKeys keys = new RedisKeys(TestRedis.randomPrefix());
            String cfg = keys.cfg("once");
            String[] key = {cfg};
            r.scriptLoad(COUNT.body());
            assertEquals("5", r.evalsha(COUNT.sha(), ScriptOutputType.VALUE, key, "5", "RUN1"));
            assertEquals("5", r.evalsha(COUNT.sha(), ScriptOutputType.VALUE, key, "5", "RUN1"), "the stored answer");
            assertEquals("5", r.get(cfg.substring(0, cfg.length() - 3) + "count"), "counted once");
            assertEquals("12", r.evalsha(COUNT.sha(), ScriptOutputType.VALUE, key, "7", "RUN2"), "another execution");
            long ttl = r.pttl(cfg.substring(0, cfg.length() - 3) + "run:RUN1");
            assertTrue(ttl > 0 && ttl <= LuaScript.RUN_KEEP_MS, "the record ends soon: " + ttl);

            ScriptRunner runner = new ScriptRunner(r);
            assertEquals("13", runner.run(COUNT, cfg, "1"), "the runner adds a fresh id to each execution");
            assertEquals("14", runner.run(COUNT, cfg, "1"));
        }
    }
}
