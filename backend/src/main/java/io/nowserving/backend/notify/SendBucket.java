package io.nowserving.backend.notify;

import io.nowserving.backend.redis.LuaScript;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;

/**
 * The rate of one sending channel across every instance: a token bucket in Redis ({@code token_bucket.lua}) of
 * {@code perSecond} tokens a second holding at most one, so sends are spaced at least 1/perSecond apart (Redis
 * time) and no second ever sees more than {@code perSecond} of them.
 */
public final class SendBucket {
    private static final LuaScript TAKE = LuaScript.standalone(SendBucket.class, "token_bucket.lua");

    private final ScriptRunner scripts;
    private final String key;
    private final int perSecond;

    public SendBucket(ScriptRunner scripts, RedisKeys keys, String channel, int perSecond) {
        this.scripts = scripts;
        this.key = keys.sendBucket(channel);
        this.perSecond = perSecond;
    }

    /** Blocks until a token is taken. */
    public void acquire() throws InterruptedException {
        while (true) {
            long wait = Long.parseLong(scripts.run(TAKE, key, Integer.toString(perSecond), "1"));
            if (wait == 0) {
                return;
            }
            Thread.sleep(wait);
        }
    }
}
