package io.nowserving.backend.auth;

import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.LuaScript;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import io.nowserving.backend.web.Caller;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Staff sessions in Redis only, under the SHA-256 of their opaque 256-bit token, with a sliding expiry: every
 * instance sees them, a restart keeps them, and revoking deletes them at once. Each user's session hashes are
 * kept in a set so that disabling the user or changing the password ends all of them.
 */
final class Sessions {
    private static final LuaScript TOUCH = LuaScript.standalone(Sessions.class, "session_touch.lua");

    private final RedisCommands<String, String> redis;
    private final ScriptRunner scripts;
    private final RedisKeys keys;
    private final Ids ids;
    private final Clock clock;
    private final Duration ttl;

    Sessions(RedisCommands<String, String> redis, RedisKeys keys, Ids ids, Clock clock, Duration ttl) {
        this.redis = redis;
        this.scripts = new ScriptRunner(redis);
        this.keys = keys;
        this.ids = ids;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** A new session: the token (shown once) and when it expires unless used. */
    record Created(String token, long expiresAt) {
    }

    Created create(User user) {
        String token = ids.token();
        String hash = Ids.sha256(token);
        String key = keys.session(hash);
        redis.hset(key, Map.of("user", user.id(), "role", user.role().actor(),
                "branches", String.join(",", user.branches()), "mustChange", user.mustChangePassword() ? "1" : "0"));
        redis.pexpire(key, ttl.toMillis());
        String set = keys.userSessions(user.id());
        redis.sadd(set, hash);
        redis.pexpire(set, ttl.toMillis());
        return new Created(token, clock.millis() + ttl.toMillis());
    }

    /** The staff member of a live session, its expiry slid forward; empty when unknown, expired or revoked. */
    Optional<Caller> resolve(String token) {
        String hash = Ids.sha256(token);
        String found = scripts.run(TOUCH, keys.session(hash), Long.toString(ttl.toMillis()), keys.userSessionsPrefix());
        if (found == null) {
            return Optional.empty();
        }
        String[] f = found.split("\t", -1);
        Set<String> branches = f[2].isEmpty() ? Set.of() : Arrays.stream(f[2].split(",")).collect(Collectors.toSet());
        return Optional.of(Caller.staff(Caller.Kind.valueOf(f[1].toUpperCase(Locale.ROOT)), f[0], branches,
                "1".equals(f[3]), hash));
    }

    /** Ends one session (logout). */
    void revoke(String userId, String sessionHash) {
        redis.del(keys.session(sessionHash));
        redis.srem(keys.userSessions(userId), sessionHash);
    }

    /** Ends every session of the user (disabled, deleted, password or role changed). */
    void revokeAll(String userId) {
        String set = keys.userSessions(userId);
        for (String hash : redis.smembers(set)) {
            redis.del(keys.session(hash));
        }
        redis.del(set);
    }
}
