package io.nowserving.backend.auth;

import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.LuaScript;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Presence tokens, the proof a phone scanned the QR code at the branch: {@code <branch>.<expiresAt ms>.<key id>.
 * <HMAC-SHA256>}, signed with a key kept in Redis (shared by all instances, rotated every token lifetime; the
 * previous key still verifies). Checked with one Redis read, never SQL.
 */
public final class Presence {
    private static final LuaScript KEYS = LuaScript.standalone(Presence.class, "presence_keys.lua");

    /** A signed token and when it expires (epoch ms). */
    public record Token(String token, long expiresAt) {
    }

    private final RedisCommands<String, String> redis;
    private final ScriptRunner scripts;
    private final RedisKeys keys;
    private final Ids ids;
    private final Clock clock;
    private final Duration ttl;

    public Presence(RedisCommands<String, String> redis, RedisKeys keys, Ids ids, Clock clock, Duration ttl) {
        this.redis = redis;
        this.scripts = new ScriptRunner(redis);
        this.keys = keys;
        this.ids = ids;
        this.clock = clock;
        this.ttl = ttl;
    }

    public Token sign(String branch) {
        long now = clock.millis();
        String[] k = scripts.run(KEYS, keys.presenceKeys(), Long.toString(now), Long.toString(ttl.toMillis()),
                ids.epoch(), ids.token(), Long.toString(4 * ttl.toMillis())).split("\t", -1);
        long expiresAt = now + ttl.toMillis();
        String payload = branch + "." + expiresAt + "." + k[0];
        return new Token(payload + "." + mac(k[1], payload), expiresAt);
    }

    /** True when the token was signed by a current or previous key, for this branch, and has not expired. */
    public boolean verify(String branch, String token) {
        if (token == null || token.length() > 200) {
            return false;
        }
        String[] p = token.split("\\.", -1);
        if (p.length != 4 || !p[0].equals(branch) || !p[1].matches("[0-9]{1,15}")) {
            return false;
        }
        long expiresAt = Long.parseLong(p[1]);
        long now = clock.millis();
        if (expiresAt <= now || expiresAt > now + ttl.toMillis() + 60_000) {
            return false;
        }
        List<String> k = redis.hmget(keys.presenceKeys(), "cur", "curKey", "prev", "prevKey").stream()
                .map(v -> v.getValueOrElse("")).toList();
        String secret = p[2].equals(k.get(0)) ? k.get(1) : !p[2].isEmpty() && p[2].equals(k.get(2)) ? k.get(3) : "";
        if (secret.isEmpty()) {
            return false;
        }
        String expected = mac(secret, p[0] + "." + p[1] + "." + p[2]);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                p[3].getBytes(StandardCharsets.US_ASCII));
    }

    private static String mac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }
}
