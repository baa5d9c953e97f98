package io.nowserving.backend.notify;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.PendingMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One consumer of a consumer group, Redis 5.0 commands only (as {@code history.GroupStreams}): XGROUP CREATE …
 * MKSTREAM from the stream's end (only what comes after the group exists is notified), XREADGROUP, XPENDING +
 * XCLAIM of entries another consumer left unacknowledged for long, XACK.
 */
final class GroupReader {
    private final RedisCommands<String, String> redis;
    private final String group;
    private final Consumer<String> me;

    GroupReader(RedisCommands<String, String> redis, String group, String consumer) {
        this.redis = redis;
        this.group = group;
        this.me = Consumer.from(group, consumer);
    }

    void ensureGroup(String key) {
        try {
            redis.xgroupCreate(XReadArgs.StreamOffset.from(key, "$"), group, XGroupCreateArgs.Builder.mkstream());
        } catch (RedisCommandExecutionException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    static boolean isNoGroup(RuntimeException e) {
        return e instanceof RedisCommandExecutionException && e.getMessage() != null
                && e.getMessage().startsWith("NOGROUP");
    }

    List<StreamMessage<String, String>> readNew(Collection<String> keys, int count, long blockMs) {
        @SuppressWarnings("unchecked")
        XReadArgs.StreamOffset<String>[] offsets = keys.stream().map(XReadArgs.StreamOffset::lastConsumed)
                .toArray(XReadArgs.StreamOffset[]::new);
        return redis.xreadgroup(me, XReadArgs.Builder.count(count).block(blockMs), offsets);
    }

    /**
     * Entries of {@code key} unacknowledged for at least {@code minIdleMs} (their consumer died, or failed on them:
     * this one's own are taken up again too), now this one's.
     */
    List<StreamMessage<String, String>> claimStale(String key, long minIdleMs, int max) {
        List<StreamMessage<String, String>> out = new ArrayList<>();
        if (redis.xpending(key, group).getCount() == 0) {
            return out;
        }
        String[] ids = redis.xpending(key, group, Range.create("-", "+"), Limit.from(max)).stream()
                .filter(p -> p.getMsSinceLastDelivery() >= minIdleMs)
                .map(PendingMessage::getId).toArray(String[]::new);
        if (ids.length == 0) {
            return out;
        }
        List<String> found = new ArrayList<>();
        for (StreamMessage<String, String> m : redis.xclaim(key, me, XClaimArgs.Builder.minIdleTime(minIdleMs), ids)) {
            if (m != null && m.getBody() != null && !m.getBody().isEmpty()) {
                out.add(m);
                found.add(m.getId());
            }
        }
        for (String id : ids) {
            if (!found.contains(id)) {
                redis.xack(key, group, id); // trimmed away meanwhile: nothing left to do
            }
        }
        return out;
    }

    void ack(String key, String id) {
        redis.xack(key, group, id);
    }
}
