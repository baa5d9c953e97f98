package io.nowserving.backend.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;

/** Readiness of Redis: reachable, and never evicting (an evicted queue key would lose tickets). */
public final class RedisHealth {
    private final RedisCommands<String, String> redis;

    public RedisHealth(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    /** Null when ready, else what is wrong. */
    public String problem() {
        redis.ping();
        try {
            Map<String, String> policy = redis.configGet("maxmemory-policy");
            String value = policy.get("maxmemory-policy");
            if (value != null && !value.equals("noeviction")) {
                return "maxmemory-policy is " + value + "; NowServing needs noeviction";
            }
        } catch (RedisCommandExecutionException e) {
            // managed Redis services often refuse CONFIG: their policy cannot be read, only documented
        }
        return null;
    }
}
