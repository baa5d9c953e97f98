package io.nowserving.backend.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.nowserving.backend.line.LineApi;
import io.nowserving.backend.redis.RedisConnection;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import io.nowserving.backend.testing.FakeLine;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The LINE push rate, shared through Redis by every instance, under a burst. */
class SendBucketTest {
    private static final int RATE = 50;
    private static final int CALLS = 500;

    @Test
    void aBurstOf500PushesFromTwoInstancesNeverExceedsTheRate() throws Exception {
        RedisKeys keys = new RedisKeys(TestRedis.randomPrefix());
        try (FakeLine line = new FakeLine();
                RedisConnection a = RedisConnection.connect(TestRedis.url());
                RedisConnection b = RedisConnection.connect(TestRedis.url());
                LineApi apiA = new LineApi(line.url(), FakeLine.TOKEN, TestBackend.JSON);
                LineApi apiB = new LineApi(line.url(), FakeLine.TOKEN, TestBackend.JSON)) {
            // two instances: each its own connection, script runner, bucket object and HTTP client
            SendBucket bucketA = new SendBucket(new ScriptRunner(a.sync()), keys, "line", RATE);
            SendBucket bucketB = new SendBucket(new ScriptRunner(b.sync()), keys, "line", RATE);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                boolean first = i % 2 == 0;
                sent.add(pool.submit(() -> {
                    (first ? bucketA : bucketB).acquire();
                    ArrayNode messages = TestBackend.JSON.createArrayNode();
                    messages.addObject().put("type", "text").put("text", "burst");
                    return (first ? apiA : apiB).push("Uburst", messages, UUID.randomUUID().toString()).status();
                }));
            }
            for (Future<Integer> f : sent) {
                assertEquals(200, f.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();
            List<Long> at = line.pushes().stream().map(FakeLine.Call::atNanos).sorted().toList();
            assertEquals(CALLS, at.size());
            // tokens are spaced 1/RATE (20 ms) apart in Redis time; counted where they arrive, the jitter of thread
            // scheduling on a loaded machine (up to two spacings) may shift one or two across a window's edge
            int most = 0;
            for (int i = 0, j = 0; i < at.size(); i++) {
                while (j < at.size() && at.get(j) - at.get(i) < 1_000_000_000L) {
                    j++;
                }
                most = Math.max(most, j - i);
            }
            System.out.println("most pushes in any one second: " + most + " (limit " + RATE + ")");
            assertTrue(most <= RATE + 2, "at most " + RATE + " pushes in any second, saw " + most);
            double seconds = (at.get(at.size() - 1) - at.get(0)) / 1e9;
            assertTrue(seconds >= (CALLS - 1) / (double) RATE * 0.97, "500 pushes took " + seconds + " s");
            assertTrue(seconds < (CALLS - 1) / (double) RATE * 1.6, "the bucket lets the rate through: " + seconds);
        }
    }
}
