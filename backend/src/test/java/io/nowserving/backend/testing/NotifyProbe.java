package io.nowserving.backend.testing;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Positive signs that the notification pipeline has passed a point, for asserting that nothing more arrives
 * without sleeping: the {@code notify} group of a branch's event stream has been handed its last event and
 * acknowledged it (so every notification derived from it is queued), and the outbox is empty with nothing
 * pending in group {@code send} (so each queued one has reached its channel or the dead letters). The group
 * names are those of {@code notify.Notifier}.
 */
public final class NotifyProbe {
    private static final String DERIVE_GROUP = "notify";
    private static final String SEND_GROUP = "send";

    private NotifyProbe() {
    }

    /** Waits until every event of {@code branch} so far is derived and every queued notification is settled. */
    public static void awaitSettled(TestBackend backend, String branch, Duration limit) throws InterruptedException {
        Await.until(limit, "the notifications of " + branch + " settled (events derived, outbox empty)",
                () -> derived(backend, branch) && sent(backend));
    }

    /** Whether the {@code notify} group has been handed and has acknowledged the stream's last event. */
    public static boolean derived(TestBackend backend, String branch) {
        RedisCommands<String, String> redis = backend.redis();
        String stream = backend.keys().events(branch);
        List<StreamMessage<String, String>> last = redis.xrevrange(stream, Range.create("-", "+"), Limit.from(1));
        Map<String, Object> group = group(redis, stream, DERIVE_GROUP);
        return group != null && ((Number) group.get("pending")).longValue() == 0
                && (last.isEmpty() || last.get(0).getId().equals(String.valueOf(group.get("last-delivered-id"))));
    }

    /** Whether the outbox is empty and group {@code send} holds nothing unacknowledged. */
    public static boolean sent(TestBackend backend) {
        RedisCommands<String, String> redis = backend.redis();
        String outbox = backend.keys().outbox();
        Map<String, Object> group = group(redis, outbox, SEND_GROUP);
        return redis.xlen(outbox) == 0 && (group == null || ((Number) group.get("pending")).longValue() == 0);
    }

    /**
     * How long, in ms, since Redis last handed any consumer of group {@code send} an entry of the outbox
     * (XINFO CONSUMERS' {@code idle}); -1 while it has no consumer (Redis 7 lists one once it was handed an entry).
     */
    public static long senderIdleMs(TestBackend backend) {
        long idle = Long.MAX_VALUE;
        boolean any = false;
        for (Object c : backend.redis().xinfoConsumers(backend.keys().outbox(), SEND_GROUP)) {
            idle = Math.min(idle, ((Number) fields((List<?>) c).get("idle")).longValue());
            any = true;
        }
        return any ? idle : -1;
    }

    private static Map<String, Object> group(RedisCommands<String, String> redis, String stream, String name) {
        if (redis.exists(stream) == 0) {
            return null;
        }
        for (Object g : redis.xinfoGroups(stream)) {
            Map<String, Object> f = fields((List<?>) g);
            if (name.equals(String.valueOf(f.get("name")))) {
                return f;
            }
        }
        return null;
    }

    private static Map<String, Object> fields(List<?> pairs) {
        Map<String, Object> f = new HashMap<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            f.put(String.valueOf(pairs.get(i)), pairs.get(i + 1));
        }
        return f;
    }
}
