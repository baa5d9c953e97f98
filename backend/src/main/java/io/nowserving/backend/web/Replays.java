package io.nowserving.backend.web;

import io.nowserving.backend.errors.Refusal;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.shared.api.ErrorCode;
import java.time.Duration;

/**
 * Idempotency-Key (invariant 7) for routes whose work is not one Redis script: configuration removals, users,
 * devices. The first request with a key claims it in Redis; its answer (status and body,
 * 2xx-4xx) is kept 24 hours and returned to every retry with the same body; another body is 422
 * {@code idempotency_key_reused}; a retry while the first is still running is asked to retry (a claim left by a
 * request that never finished expires after {@link #PENDING_TTL}). A failure the
 * route answers with an {@link Refusal} changed nothing, so it frees the key instead of being kept: the
 * retry runs afresh. Answers holding a secret go through a {@link Secret}, so no token is ever kept in Redis.
 */
public final class Replays {
    private static final Duration KEEP = Duration.ofHours(24);
    /**
     * How long a claim may stay pending: longer than any request runs (Redis commands time out after 5 s, a pooled
     * SQL connection after 10 s, a password hash takes well under a second), so a claim left behind by a request
     * that crashed frees its key after this instead of answering 503 for a day.
     */
    static final Duration PENDING_TTL = Duration.ofSeconds(60);
    private static final String PENDING = "pending";

    /** Takes a secret out of an answer before it is kept, and puts a fresh one in when it is replayed. */
    public interface Secret {
        Secret NONE = new Secret() {
            @Override
            public String strip(String body) {
                return body;
            }

            @Override
            public String restore(Context ctx, String kept) {
                return kept;
            }
        };

        String strip(String body);

        String restore(Context ctx, String kept);
    }

    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;

    public Replays(RedisCommands<String, String> redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public Handler of(Handler route) {
        return of(route, Secret.NONE);
    }

    public Handler of(Handler route, Secret secret) {
        return ctx -> {
            Idempotency idem = Idempotency.of(ctx, AccessCheck.caller(ctx));
            if (idem.keyHash().isEmpty()) {
                route.handle(ctx);
                return;
            }
            String key = keys.replay(idem.keyHash());
            if (!claim(key, idem.fingerprint())) {
                replay(ctx, redis.get(key), idem.fingerprint(), secret);
                return;
            }
            try {
                route.handle(ctx);
            } catch (Exception e) {
                redis.del(key);
                throw e;
            }
            int status = ctx.statusCode();
            if (status >= 500) {
                redis.del(key);
                return;
            }
            String body = ctx.result();
            String contentType = ctx.res().getContentType();
            redis.set(key, String.join("\n", "done", idem.fingerprint(), Integer.toString(status),
                    contentType == null ? "" : contentType, body == null ? "" : secret.strip(body)),
                    SetArgs.Builder.xx().ex(KEEP));
            if (body != null) {
                ctx.result(body);
            }
        };
    }

    /** Claims the key for a first request, pending until its answer is kept; false when already claimed. */
    boolean claim(String key, String fingerprint) {
        return redis.set(key, PENDING + "\n" + fingerprint, SetArgs.Builder.nx().px(PENDING_TTL.toMillis())) != null;
    }

    private static void replay(Context ctx, String kept, String fingerprint, Secret secret) {
        if (kept == null) {
            throw new Refusal(ErrorCode.UNAVAILABLE, "the first request with this Idempotency-Key has just"
                    + " ended; retry", 1);
        }
        String[] parts = kept.split("\n", 5);
        if (!parts[1].equals(fingerprint)) {
            throw new Refusal(ErrorCode.IDEMPOTENCY_KEY_REUSED, "this Idempotency-Key came with another request");
        }
        if (parts[0].equals(PENDING)) {
            throw new Refusal(ErrorCode.UNAVAILABLE, "the first request with this Idempotency-Key is still"
                    + " being answered; retry", 1);
        }
        ctx.status(Integer.parseInt(parts[2]));
        if (!parts[3].isEmpty()) {
            ctx.contentType(parts[3]);
        }
        ctx.header("Idempotent-Replayed", "true");
        if (!parts[4].isEmpty()) {
            ctx.result(secret.restore(ctx, parts[4]));
        }
    }
}
