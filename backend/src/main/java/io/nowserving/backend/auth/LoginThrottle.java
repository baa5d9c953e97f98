package io.nowserving.backend.auth;

import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.LuaScript;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import io.nowserving.backend.errors.Refusal;
import io.nowserving.shared.api.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Login abuse protection in Redis: exponential back-off per (account, client address) and a lock per client
 * address, which also bounds the accounts one address may keep failing keys for (Redis runs without eviction). An attacker at one address therefore slows only their own attempts: the clerk at the counter, at
 * another address, signs in as usual. Time comes from the injected clock.
 */
final class LoginThrottle {
    private static final LuaScript ATTEMPT = LuaScript.standalone(LoginThrottle.class, "login_attempt.lua");
    private static final LuaScript SUCCEEDED = LuaScript.standalone(LoginThrottle.class, "login_succeeded.lua");

    /**
     * Failures of a pair before waiting; the first wait; the longest; failures per address per window; accounts
     * with failures (pair keys) one address may hold at once before the address is locked for the window.
     */
    record Limits(int freeFailures, Duration firstWait, Duration longestWait, int perAddress, Duration window,
                  int accountsPerAddress) {
        static final Limits DEFAULT = new Limits(3, Duration.ofSeconds(1), Duration.ofMinutes(15), 50,
                Duration.ofMinutes(15), 100);
    }

    private final ScriptRunner scripts;
    private final RedisKeys keys;
    private final AddressHashes addresses;
    private final Clock clock;
    private final Limits limits;

    LoginThrottle(RedisCommands<String, String> redis, RedisKeys keys, AddressHashes addresses, Clock clock,
                  Limits limits) {
        this.scripts = new ScriptRunner(redis);
        this.keys = keys;
        this.addresses = addresses;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * Admits an attempt, counting it as a failure at once (check and record are one script, so parallel guesses
     * are counted before any is answered); refuses with 429 {@code too_many_attempts} and Retry-After while the
     * pair or the address must wait.
     */
    void attempt(String username, String address) {
        String addr = addresses.of(address);
        String wait = scripts.run(ATTEMPT, keysOf(username, addr),
                Long.toString(clock.millis()), Integer.toString(limits.freeFailures()),
                Long.toString(limits.firstWait().toMillis()), Long.toString(limits.longestWait().toMillis()),
                Long.toString(Duration.ofDays(1).toMillis()), Integer.toString(limits.perAddress()),
                Long.toString(limits.window().toMillis()), Integer.toString(limits.accountsPerAddress()));
        long ms = Long.parseLong(wait);
        if (ms > 0) {
            throw tooMany(ms);
        }
    }

    /** A successful login forgets the pair's failures and takes its attempt back from the address's count. */
    void succeeded(String username, String address) {
        String addr = addresses.of(address);
        scripts.run(SUCCEEDED, keysOf(username, addr), Integer.toString(limits.perAddress()));
    }

    private String[] keysOf(String username, String addressHash) {
        return new String[] {keys.loginPair(pair(username, addressHash)), keys.loginAddress(addressHash),
            keys.loginAccounts(addressHash)};
    }

    private static String pair(String username, String addressHash) {
        return Ids.sha256(username.toLowerCase(Locale.ROOT) + "\n" + addressHash);
    }

    static Refusal tooMany(long waitMs) {
        long seconds = Math.max(1, (waitMs + 999) / 1000);
        return new Refusal(ErrorCode.TOO_MANY_ATTEMPTS, "too many failed sign-ins; retry in " + seconds + " s",
                seconds);
    }
}
