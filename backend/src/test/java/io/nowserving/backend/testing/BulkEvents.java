package io.nowserving.backend.testing;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.redis.RedisKeys;

/**
 * Appends many padded events to a branch's stream and channel in one call, the way lib/core.lua's emit does
 * (INCR seq, XADD {@code <seq>-0}, PUBLISH): test data for the feed only (type {@code test.bulk}, no state
 * change), to fill a stalled client's socket buffers in a few calls instead of thousands of requests.
 */
public final class BulkEvents {
    private static final String SCRIPT = """
            local epoch = redis.call('GET', KEYS[2])
            local t = redis.call('TIME')
            local at = tonumber(t[1]) * 1000
            local seq
            for i = 1, tonumber(ARGV[1]) do
              seq = redis.call('INCR', KEYS[1])
              local json = cjson.encode({ v = 1, epoch = epoch, seq = seq, type = 'test.bulk', at = at, pad = ARGV[2] })
              redis.call('XADD', KEYS[3], seq .. '-0', 'e', json)
              redis.call('PUBLISH', KEYS[4], json)
            end
            return seq""";

    private BulkEvents() {
    }

    /** Emits {@code count} events of about {@code bytes} bytes each; returns the last seq. */
    public static long emit(RedisCommands<String, String> redis, RedisKeys keys, String branch, int count, int bytes) {
        Long last = redis.eval(SCRIPT, ScriptOutputType.INTEGER,
                new String[] {keys.seq(branch), keys.epoch(branch), keys.events(branch), keys.live(branch)},
                Integer.toString(count), "x".repeat(bytes));
        return last;
    }
}
