package io.nowserving.backend.queue;

import io.javalin.http.Context;
import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.errors.Refusal;
import io.nowserving.backend.web.JsonBodies;

/**
 * The per-branch clock offset that lets tests move a branch through days and opening hours. Its route exists
 * only when the backend runs with NOWSERVING_TEST_CLOCK; scripts add the offset to Redis TIME.
 */
public final class TestClock {
    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final JsonBodies bodies;

    public TestClock(RedisCommands<String, String> redis, RedisKeys keys, JsonBodies bodies) {
        this.redis = redis;
        this.keys = keys;
        this.bodies = bodies;
    }

    /** Body of {@code PUT /api/v1/test/branches/{b}/clock}. */
    public record Offset(Long offsetMs) {
    }

    public void put(Context ctx) {
        String b = ctx.pathParam("b");
        QueueService.requireConfigId("branch", b);
        Offset body = bodies.read(ctx, Offset.class);
        if (body.offsetMs() == null) {
            throw Refusal.invalid("field 'offsetMs' is required");
        }
        redis.setex(keys.clock(b), 7 * 24 * 3600, Long.toString(body.offsetMs()));
        ctx.json(body);
    }
}
