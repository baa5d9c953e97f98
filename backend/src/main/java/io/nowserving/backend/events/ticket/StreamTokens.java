package io.nowserving.backend.events.ticket;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.errors.Refusal;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.shared.api.ErrorCode;
import java.util.regex.Pattern;

/**
 * Short-lived tokens that open a ticket's feed, so the ticket token never sits in a URL (EventSource cannot send
 * headers). Kept in Redis only as SHA-256 hashes, holding the ticket id, expiring after five minutes; one may be
 * used for several connections within that time. A ticket gets at most {@link #MAX_PER_WINDOW} in five minutes
 * (a phone needs one per reconnect; a script asking in a loop gets 429 instead of filling a noeviction Redis).
 */
public final class StreamTokens {
    public static final int TTL_SECONDS = 300;
    public static final int MAX_PER_WINDOW = 30;
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final Ids ids;

    public StreamTokens(RedisCommands<String, String> redis, RedisKeys keys, Ids ids) {
        this.redis = redis;
        this.keys = keys;
        this.ids = ids;
    }

    /** A new token for the ticket (whose holder the caller has already checked). */
    public String issue(String branch, String ticketId) {
        String count = keys.streamTokenCount(branch, ticketId);
        redis.set(count, "0", SetArgs.Builder.nx().ex(TTL_SECONDS)); // the window starts with the first token
        if (redis.incr(count) > MAX_PER_WINDOW) {
            long left = redis.ttl(count);
            throw new Refusal(ErrorCode.RATE_LIMITED, "too many stream tokens for this ticket; try again later",
                    left > 0 ? left : TTL_SECONDS);
        }
        String token = ids.token();
        redis.setex(keys.streamToken(branch, Ids.sha256(token)), TTL_SECONDS, ticketId);
        return token;
    }

    /** Whether {@code token} is a live stream token of this ticket. */
    public boolean valid(String branch, String ticketId, String token) {
        if (token == null || !FORM.matcher(token).matches()) {
            return false;
        }
        return ticketId.equals(redis.get(keys.streamToken(branch, Ids.sha256(token))));
    }
}
