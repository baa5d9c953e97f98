package io.nowserving.backend.redis;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One consumer of a consumer group on one or more streams, on the caller's own (blocking) connection, with
 * Redis 5.0 commands only: XGROUP CREATE … MKSTREAM (idempotent), XREADGROUP, XPENDING + XCLAIM (not the 6.2
 * auto-claim), XACK, XINFO CONSUMERS + XGROUP DELCONSUMER. The write-behind's {@code history} group starts at the
 * streams' beginning ({@link #fromStart}); the notifications' groups at their end ({@link #fromEnd}: only what
 * comes after the group exists is notified).
 */
public final class GroupStreams {
    private static final int PENDING_PAGE = 500;

    private final RedisCommands<String, String> redis;
    private final String group;
    private final Consumer<String> me;
    private final String startAt;

    private GroupStreams(RedisCommands<String, String> redis, String group, String consumer, String startAt) {
        this.redis = redis;
        this.group = group;
        this.me = Consumer.from(group, consumer);
        this.startAt = startAt;
    }

    /** A consumer of {@code group}, which when made reads each stream from its first entry. */
    public static GroupStreams fromStart(RedisCommands<String, String> redis, String group, String consumer) {
        return new GroupStreams(redis, group, consumer, "0");
    }

    /** A consumer of {@code group}, which when made reads only entries added after it. */
    public static GroupStreams fromEnd(RedisCommands<String, String> redis, String group, String consumer) {
        return new GroupStreams(redis, group, consumer, "$");
    }

    /** Creates the group (and the stream) unless it exists. */
    public void ensureGroup(String key) {
        try {
            redis.xgroupCreate(XReadArgs.StreamOffset.from(key, startAt), group, XGroupCreateArgs.Builder.mkstream());
        } catch (RedisCommandExecutionException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** Whether {@code e} says the stream or its group is gone (a flushed or restarted Redis): ensure it again. */
    public static boolean isNoGroup(RuntimeException e) {
        return e instanceof RedisCommandExecutionException && e.getMessage() != null
                && e.getMessage().startsWith("NOGROUP");
    }

    /** New entries of the streams, up to {@code count} per stream, waiting up to {@code blockMs} for any. */
    public List<StreamMessage<String, String>> readNew(Collection<String> keys, int count, long blockMs) {
        @SuppressWarnings("unchecked")
        XReadArgs.StreamOffset<String>[] offsets = keys.stream().map(XReadArgs.StreamOffset::lastConsumed)
                .toArray(XReadArgs.StreamOffset[]::new);
        return redis.xreadgroup(me, XReadArgs.Builder.count(count).block(blockMs), offsets);
    }

    /**
     * Every entry delivered but never acknowledged (an old leader's, or this one's after a failed write), claimed
     * for this consumer, oldest first, up to a page per stream; ids gone from the stream are reported in
     * {@code gone} (the caller decides what that means and acknowledges them).
     */
    public List<StreamMessage<String, String>> claimPending(Collection<String> keys, Map<String, List<String>> gone) {
        List<StreamMessage<String, String>> out = new ArrayList<>();
        for (String key : keys) {
            List<String> missing = new ArrayList<>();
            out.addAll(claim(key, 0, PENDING_PAGE, missing));
            if (!missing.isEmpty()) {
                gone.computeIfAbsent(key, k -> new ArrayList<>()).addAll(missing);
            }
        }
        return out;
    }

    /**
     * Entries of {@code key} unacknowledged for at least {@code minIdleMs} (their consumer died, or failed on them:
     * this one's own are taken up again too), now this one's; entries trimmed away meanwhile are acknowledged.
     */
    public List<StreamMessage<String, String>> claimStale(String key, long minIdleMs, int max) {
        List<String> missing = new ArrayList<>();
        List<StreamMessage<String, String>> out = claim(key, minIdleMs, max, missing);
        ack(key, missing);
        return out;
    }

    private List<StreamMessage<String, String>> claim(String key, long minIdleMs, int max, List<String> missing) {
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
                missing.add(id);
            }
        }
        return out;
    }

    /**
     * Removes from each stream's group the other consumers (former leaders, stopped instances) that hold no
     * pending entry, so the group does not grow by one consumer per restart; answers how many went. Call it after
     * claiming the pending entries, so nothing unacknowledged is dropped.
     */
    public int forgetIdleConsumers(Collection<String> keys) {
        int removed = 0;
        for (String key : keys) {
            for (Object entry : redis.xinfoConsumers(key, group)) {
                Map<String, Object> info = fields(entry);
                String name = String.valueOf(info.get("name"));
                if (!name.equals(me.getName()) && info.get("pending") instanceof Long n && n == 0) {
                    removed += redis.xgroupDelconsumer(key, Consumer.from(group, name)) >= 0 ? 1 : 0;
                }
            }
        }
        return removed;
    }

    /** XINFO's flat {@code [field, value, …]} reply as a map. */
    private static Map<String, Object> fields(Object entry) {
        Map<String, Object> out = new HashMap<>();
        if (entry instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                out.put(String.valueOf(list.get(i)), list.get(i + 1));
            }
        }
        return out;
    }

    public void ack(String key, List<String> ids) {
        if (!ids.isEmpty()) {
            redis.xack(key, group, ids.toArray(String[]::new));
        }
    }

    public void ack(String key, String id) {
        redis.xack(key, group, id);
    }
}
