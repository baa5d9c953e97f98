package io.nowserving.backend.notify;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.redis.RedisKeys;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notifications waiting to be sent (a stream shared by every instance, consumer group {@code send}), the
 * at-most-once marks, the dead letters, the pause switch and the counters. Nothing here names a LINE user.
 */
public final class Outbox {
    /** A mark outlives the ticket's business day (tickets live two days after theirs). */
    private static final long MARK_SECONDS = Duration.ofDays(3).toSeconds();

    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;

    public Outbox(RedisCommands<String, String> redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * Queues the notification unless one of its ticket and kind was queued before, by any instance: answers
     * whether it was queued now.
     */
    public boolean offer(Notification n) {
        String mark = keys.notified(n.branch(), n.ticketId(), n.kind());
        if (!"OK".equals(redis.set(mark, "1", SetArgs.Builder.nx().ex(MARK_SECONDS)))) {
            return false;
        }
        redis.xadd(keys.outbox(), XAddArgs.Builder.maxlen(100_000).approximateTrimming(), n.fields());
        count("queued");
        return true;
    }

    /** Gives a notification up: into the dead-letter stream with the reason (a status, never the message). */
    void bury(Map<String, String> fields, String why, int attempts) {
        Map<String, String> f = new LinkedHashMap<>(fields);
        f.put("why", why);
        f.put("attempts", Integer.toString(attempts));
        redis.xadd(keys.deadLetters(), XAddArgs.Builder.maxlen(10_000).approximateTrimming(), f);
        count("dead");
    }

    /** The newest dead letters first. */
    public List<StreamMessage<String, String>> deadLetters(int limit) {
        return redis.xrevrange(keys.deadLetters(), Range.create("-", "+"), Limit.from(limit));
    }

    /** Puts a dead letter back into the outbox (same retry key); false when there is no such letter. */
    public boolean replay(String id) {
        List<StreamMessage<String, String>> found = redis.xrange(keys.deadLetters(), Range.create(id, id));
        if (found.isEmpty()) {
            return false;
        }
        Map<String, String> f = new LinkedHashMap<>(found.get(0).getBody());
        f.remove("why");
        f.remove("attempts");
        redis.xadd(keys.outbox(), XAddArgs.Builder.maxlen(100_000).approximateTrimming(), f);
        redis.xdel(keys.deadLetters(), id);
        count("replayed");
        return true;
    }

    public boolean paused() {
        return redis.exists(keys.notifyPaused()) > 0;
    }

    public void pause(boolean paused) {
        if (paused) {
            redis.set(keys.notifyPaused(), "1");
        } else {
            redis.del(keys.notifyPaused());
        }
    }

    /** Notifications queued and not yet sent or given up (sent ones are deleted from the stream). */
    public long length() {
        return redis.xlen(keys.outbox());
    }

    public long deadCount() {
        return redis.xlen(keys.deadLetters());
    }

    void count(String what) {
        redis.hincrby(keys.notifyCounts(), what, 1);
    }

    /** queued, sent, retried, failed, dead, replayed, noRecipient: since the counters began (all instances). */
    public Map<String, String> counts() {
        return redis.hgetall(keys.notifyCounts());
    }
}
