package io.nowserving.backend.auth;

import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.LuaScript;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import io.nowserving.backend.errors.Refusal;
import io.nowserving.shared.api.ErrorCode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Web-ticket rate limits in Redis, per client address and per customer key, in fixed one-minute windows shared
 * by every instance. Keys hold hashes only and end with their window.
 */
public final class RateLimits {
    private static final LuaScript COUNT = LuaScript.standalone(RateLimits.class, "rate_limit.lua");
    private static final long WINDOW_MS = 60_000;

    private final ScriptRunner scripts;
    private final RedisKeys keys;
    private final AddressHashes addresses;
    private final Clock clock;
    private final int perMinute;

    RateLimits(RedisCommands<String, String> redis, RedisKeys keys, AddressHashes addresses, Clock clock,
               int perMinute) {
        this.scripts = new ScriptRunner(redis);
        this.keys = keys;
        this.addresses = addresses;
        this.clock = clock;
        this.perMinute = perMinute;
    }

    /** Counts one web-ticket request; 429 {@code rate_limited} with Retry-After past the limit. */
    public void webTicket(String address, Optional<String> customerKey) {
        long now = clock.millis();
        long window = now / WINDOW_MS;
        List<String> counted = new ArrayList<>();
        counted.add(keys.rateLimit("addr", addresses.of(address), window));
        customerKey.ifPresent(k -> counted.add(keys.rateLimit("cust", Ids.sha256("web:" + k), window)));
        long top = Long.parseLong(scripts.run(COUNT, counted.toArray(String[]::new), Long.toString(2 * WINDOW_MS)));
        if (top > perMinute) {
            long seconds = Math.max(1, ((window + 1) * WINDOW_MS - now + 999) / 1000);
            throw new Refusal(ErrorCode.RATE_LIMITED, "too many ticket requests; retry in " + seconds + " s",
                    seconds);
        }
    }
}
