package io.nowserving.backend.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

/** Runs scripts with EVALSHA, loading a script on NOSCRIPT (a restarted or failed-over Redis) and retrying. */
public final class ScriptRunner {
    private final RedisCommands<String, String> redis;

    public ScriptRunner(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    /** Runs {@code script} with the one key and the arguments; returns its (string) result. */
    public String run(LuaScript script, String key, String... args) {
        return run(script, new String[] {key}, args);
    }

    /** Runs {@code script} with several keys (all of one hash tag) and the arguments; returns its result. */
    public String run(LuaScript script, String[] keys, String... args) {
        try {
            return redis.evalsha(script.sha(), ScriptOutputType.VALUE, keys, args);
        } catch (RedisNoScriptException e) {
            redis.scriptLoad(script.body());
            return redis.evalsha(script.sha(), ScriptOutputType.VALUE, keys, args);
        }
    }
}
