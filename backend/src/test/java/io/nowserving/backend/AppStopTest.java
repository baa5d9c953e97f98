package io.nowserving.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.redis.RedisConnection;
import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.SseReader;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import io.nowserving.backend.testing.TestRedis;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping is quick and clean: with live event streams open and the write-behind holding its lease (it has
 * written), {@link App#close} returns within a few seconds, every client sees its stream end, and the lease is
 * given up at once (another instance need not wait for it to expire).
 */
class AppStopTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void anAppWithOpenStreamsAndWriteBehindWorkStopsFastAndEndsTheStreams(@TempDir Path dir) throws Exception {
        TestBackend backend = TestBackend.start(dir, TestBranches.branch("st", 1, null));
        SseReader owner = null;
        SseReader display = null;
        boolean closed = false;
        try {
            owner = SseReader.open(backend.uri("/api/v1/branches/st/events"),
                    "Authorization", "Bearer " + backend.ownerToken());
            display = SseReader.open(backend.uri("/api/v1/branches/st/events?view=public"));
            assertEquals(200, owner.status());
            assertEquals(200, display.status());
            for (int i = 0; i < 5; i++) {
                assertEquals(201, backend.issue("st", "a").status());
            }
            SseReader watching = display;
            assertTrue(watching.await(f -> "ticket.issued".equals(f.event()) && f.seq() >= 5, WAIT) != null);
            Await.until(WAIT, "the write-behind committed the tickets",
                    () -> backend.app().writeBehind().committedSeq("st") >= 5);
            // a client that comes back the moment its stream ends, as a display does after a reconnect hint
            java.net.URI events = backend.uri("/api/v1/branches/st/events?view=public");
            java.util.concurrent.CompletableFuture<Integer> eager = new java.util.concurrent.CompletableFuture<>();
            Thread reconnecting = new Thread(() -> {
                int streams = 0;
                try {
                    while (true) {
                        try (SseReader r = SseReader.open(events)) {
                            streams++;
                            Await.until(Duration.ofSeconds(30), "the stream ends", r::ended);
                        }
                    }
                } catch (IllegalStateException refused) {
                    eager.complete(streams); // the server no longer accepts
                } catch (Exception | AssertionError e) {
                    eager.completeExceptionally(e);
                }
            }, "test-reconnecting-client");
            reconnecting.setDaemon(true);
            reconnecting.start();
            Await.until(WAIT, "the eager client is connected", () -> backend.app().feedStats().open() >= 3);
            String lease = backend.keys().lease();
            assertTrue(backend.redis().exists(lease) == 1, "the write-behind holds its lease");

            long start = System.nanoTime();
            backend.close();
            closed = true;
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 3000, "stopped in " + ms + " ms");

            SseReader a = owner;
            SseReader b = display;
            Await.until(Duration.ofSeconds(2), "every client saw its stream end", () -> a.ended() && b.ended());
            assertTrue(eager.get(2, java.util.concurrent.TimeUnit.SECONDS) >= 1,
                    "the eager client's reconnects were refused");
            try (RedisConnection redis = RedisConnection.connect(TestRedis.url())) {
                assertEquals(0, redis.sync().exists(lease), "the lease was given up, not left to expire");
            }
        } finally {
            if (owner != null) {
                owner.close();
            }
            if (display != null) {
                display.close();
            }
            if (!closed) {
                backend.close();
            }
        }
    }
}
