package io.nowserving.backend.testing;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.redis.RedisKeys;

/**
 * Appends many events to a branch's stream in one call, the way lib/core.lua's emit does (INCR seq, XADD
 * {@code <seq>-0}): {@link #emit} padded {@code test.bulk} events, also published, for the feed (to fill a stalled
 * client's socket buffers in a few calls instead of thousands of requests); {@link #ISSUED} {@code ticket.issued}
 * envelopes shaped as issue_ticket.lua writes them (ticket, estimate shown, the private token hash), which the
 * history writer projects into events, tickets and ticket_secrets rows. Neither changes queue state.
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

    /**
     * KEYS: seq, epoch, events. ARGV: service, then ticket id and token hash for each event. Result: the last seq.
     * The ticket number is {@code X<seq>}; {@code at} and {@code queuedAt} are Redis TIME in ms. Not published:
     * load for the history writer, not for feeds.
     */
    public static final String ISSUED = """
            local epoch = redis.call('GET', KEYS[2])
            local t = redis.call('TIME')
            local ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local seq
            for i = 2, #ARGV, 2 do
              seq = redis.call('INCR', KEYS[1])
              local json = cjson.encode({ v = 1, epoch = epoch, seq = seq, type = 'ticket.issued', at = ms,
                actor = { kind = 'kiosk' },
                ticket = { id = ARGV[i], number = 'X' .. seq, service = ARGV[1], language = 'en', channel = 'kiosk',
                           priority = false, queuedAt = ms },
                estimateShown = { minSeconds = 60, maxSeconds = 90, ahead = 0 } })
              redis.call('XADD', KEYS[3], seq .. '-0', 'e', json, 'p', cjson.encode({ tokenHash = ARGV[i + 1] }))
            end
            return seq""";

    private BulkEvents() {
    }

    /** The KEYS of {@link #ISSUED} for a branch. */
    public static String[] issuedKeys(RedisKeys keys, String branch) {
        return new String[] {keys.seq(branch), keys.epoch(branch), keys.events(branch)};
    }

    /** Emits {@code count} events of about {@code bytes} bytes each; returns the last seq. */
    public static long emit(RedisCommands<String, String> redis, RedisKeys keys, String branch, int count, int bytes) {
        Long last = redis.eval(SCRIPT, ScriptOutputType.INTEGER,
                new String[] {keys.seq(branch), keys.epoch(branch), keys.events(branch), keys.live(branch)},
                Integer.toString(count), "x".repeat(bytes));
        return last;
    }
}
