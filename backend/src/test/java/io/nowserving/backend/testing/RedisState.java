package io.nowserving.backend.testing;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every key of a branch with its typed contents (SCAN and typed reads: DEBUG DIGEST is refused on some Redis),
 * but the records of script executions ({@code <prefix>{b}:run:<id>}, kept a minute so a lost answer can be asked
 * again): they are bookkeeping, not the branch's state.
 */
public final class RedisState {
    private RedisState() {
    }

    public static Map<String, Object> capture(TestBackend backend, String branch) {
        RedisCommands<String, String> r = backend.redis();
        Map<String, Object> state = new TreeMap<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = r.scan(cursor, ScanArgs.Builder.matches(backend.keys().allOf(branch)).limit(500));
            for (String key : page.getKeys()) {
                if (key.contains("}:run:")) {
                    continue;
                }
                Object value = switch (r.type(key)) {
                    case "string" -> r.get(key);
                    case "hash" -> new TreeMap<>(r.hgetall(key));
                    case "list" -> r.lrange(key, 0, -1);
                    case "set" -> new java.util.TreeSet<>(r.smembers(key));
                    case "zset" -> r.zrangeWithScores(key, 0, -1).toString();
                    case "stream" -> r.xrange(key, Range.create("-", "+")).toString();
                    default -> "?";
                };
                state.put(key, value);
            }
            cursor = page;
        } while (!cursor.isFinished());
        return state;
    }
}
