package io.nowserving.backend.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.testing.CommandLog;
import io.nowserving.backend.testing.Redis50;
import io.nowserving.backend.testing.TestRedis;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs last (junit-platform.properties orders classes by @Order): every command shape the whole suite sent to
 * the shared Redis, inside scripts too, as MONITOR saw it, must exist in Redis 5.0 with its options.
 */
@Order(Integer.MAX_VALUE)
class Redis50CommandsTest {

    @Test
    void everyCommandTheSuiteSentRunsOnRedis50() {
        TestRedis.url();
        assertTrue(CommandLog.isRecording(), "MONITOR is recording");
        Map<String, List<String>> shapes = CommandLog.shapes();
        System.out.println("Redis command shapes seen by MONITOR: " + shapes.keySet());
        assertTrue(shapes.keySet().stream().anyMatch(s -> s.startsWith("EVALSHA")), "the scripts were seen");
        assertTrue(shapes.keySet().stream().anyMatch(s -> s.startsWith("XADD")), "commands inside scripts were seen");
        Map<String, String> violations = new TreeMap<>();
        shapes.forEach((shape, example) -> Redis50.violation(example).ifPresent(v -> violations.put(shape, v)));
        assertEquals(Map.of(), violations);
    }

    @Test
    void theAllowListRefusesWhatRedis50Lacks() {
        assertTrue(Redis50.violation(List.of("XAUTOCLAIM", "k", "g", "c", "0", "0")).isPresent());
        assertTrue(Redis50.violation(List.of("SET", "k", "v", "KEEPTTL")).isPresent());
        assertTrue(Redis50.violation(List.of("ZRANGE", "k", "0", "5", "BYSCORE")).isPresent());
        assertTrue(Redis50.violation(List.of("XTRIM", "k", "MINID", "5-0")).isPresent());
        assertTrue(Redis50.violation(List.of("XADD", "k", "NOMKSTREAM", "*", "f", "v")).isPresent());
        assertTrue(Redis50.violation(List.of("XPENDING", "k", "g", "IDLE", "10", "-", "+", "10")).isPresent());
        assertTrue(Redis50.violation(List.of("GETDEL", "k")).isPresent());
        assertTrue(Redis50.violation(List.of("LPOP", "k", "3")).isPresent());
        assertTrue(Redis50.violation(List.of("CLIENT", "SETINFO", "LIB-NAME", "x")).isPresent());
        assertTrue(Redis50.violation(List.of("XADD", "k", "7-0", "e", "{}")).isEmpty());
        assertTrue(Redis50.violation(List.of("ZRANGE", "k", "0", "0", "WITHSCORES")).isEmpty());
    }
}
