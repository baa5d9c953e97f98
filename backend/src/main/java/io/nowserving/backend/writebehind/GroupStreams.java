package io.nowserving.backend.writebehind;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.models.stream.PendingMessage;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The history consumer group on the streams the writer follows (each branch's event stream and token side
 * stream), on the writer's own connection, with Redis 5.0 commands only: XGROUP CREATE … MKSTREAM (idempotent),
 * XREADGROUP, XPENDING + XCLAIM (not the 6.2 auto-claim), XACK.
 */
final class GroupStreams {
    static final String GROUP = "history";
    private static final int PENDING_PAGE = 500;

    private final RedisCommands<String, String> redis;
    private final Consumer<String> me;

    GroupStreams(RedisCommands<String, String> redis, String consumer) {
        this.redis = redis;
        this.me = Consumer.from(GROUP, consumer);
    }

    /** Creates the group from the start of the stream (and the stream) unless it exists. */
    void ensureGroup(String key) {
        try {
            redis.xgroupCreate(XReadArgs.StreamOffset.from(key, "0"), GROUP, XGroupCreateArgs.Builder.mkstream());
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

    /** New entries of the streams, up to {@code count} per stream, waiting up to {@code blockMs} for any. */
    List<StreamMessage<String, String>> readNew(Collection<String> keys, int count, long blockMs) {
        @SuppressWarnings("unchecked")
        XReadArgs.StreamOffset<String>[] offsets = keys.stream().map(XReadArgs.StreamOffset::lastConsumed)
                .toArray(XReadArgs.StreamOffset[]::new);
        return redis.xreadgroup(me, XReadArgs.Builder.count(count).block(blockMs), offsets);
    }

    /**
     * Entries delivered but never acknowledged (an old leader's, or this one's after a failed write), claimed for
     * this consumer, oldest first, up to a page per stream; ids gone from the stream are reported in {@code gone}.
     */
    List<StreamMessage<String, String>> claimPending(Collection<String> keys, Map<String, List<String>> gone) {
        List<StreamMessage<String, String>> out = new ArrayList<>();
        for (String key : keys) {
            if (redis.xpending(key, GROUP).getCount() == 0) {
                continue;
            }
            List<PendingMessage> pending = redis.xpending(key, GROUP, Range.create("-", "+"),
                    Limit.from(PENDING_PAGE));
            if (pending.isEmpty()) {
                continue;
            }
            String[] ids = pending.stream().map(PendingMessage::getId).toArray(String[]::new);
            List<StreamMessage<String, String>> claimed = redis.xclaim(key, me, XClaimArgs.Builder.minIdleTime(0), ids);
            List<String> found = new ArrayList<>();
            for (StreamMessage<String, String> m : claimed) {
                if (m != null && m.getBody() != null && !m.getBody().isEmpty()) {
                    out.add(m);
                    found.add(m.getId());
                }
            }
            for (String id : ids) {
                if (!found.contains(id)) {
                    gone.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
                }
            }
        }
        return out;
    }

    /**
     * Removes from each stream's group the consumers of other (former) leaders that hold no pending entry, so the
     * group does not grow by one consumer per restart; answers how many went. Only the leader calls it, after
     * claiming the pending entries, so nothing unacknowledged is dropped.
     */
    int forgetIdleConsumers(Collection<String> keys) {
        int removed = 0;
        for (String key : keys) {
            for (Object entry : redis.xinfoConsumers(key, GROUP)) {
                Map<String, Object> info = fields(entry);
                String name = String.valueOf(info.get("name"));
                if (!name.equals(me.getName()) && info.get("pending") instanceof Long n && n == 0) {
                    removed += redis.xgroupDelconsumer(key, Consumer.from(GROUP, name)) >= 0 ? 1 : 0;
                }
            }
        }
        return removed;
    }

    /** XINFO's flat {@code [field, value, …]} reply as a map. */
    private static Map<String, Object> fields(Object entry) {
        Map<String, Object> out = new java.util.HashMap<>();
        if (entry instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                out.put(String.valueOf(list.get(i)), list.get(i + 1));
            }
        }
        return out;
    }

    void ack(String key, List<String> ids) {
        if (!ids.isEmpty()) {
            redis.xack(key, GROUP, ids.toArray(String[]::new));
        }
    }
}
