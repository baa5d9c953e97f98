package io.nowserving.backend.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.config.ConfigRepository;
import io.nowserving.backend.sql.Database;
import io.nowserving.backend.testing.Node;
import io.nowserving.backend.testing.SseReader;
import io.nowserving.backend.testing.SseReader.Frame;
import io.nowserving.backend.testing.TestBranches;
import io.nowserving.backend.testing.TestRedis;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keep-alive comments, and on shutdown a reconnect hint before the stream closes. */
class FeedShutdownTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void clientsGetKeepAlivesAndOnShutdownAreToldToReconnect(@TempDir Path dir) throws Exception {
        String db = Database.embeddedH2Url(dir.resolve("sql"));
        try (Database d = Database.open(db, "sa", "")) {
            new ConfigRepository(d.dataSource()).save(TestBranches.branch("sd", 1, null));
        }
        Node node = Node.start(Node.env(dir.resolve("data"), TestRedis.url(), TestRedis.randomPrefix(), db),
                FeedOptions.DEFAULTS.withKeepAlive(Duration.ofMillis(100)));
        try (SseReader r = SseReader.open(node.uri("/api/v1/branches/sd/events"))) {
            r.await(f -> f.comments().contains("keep-alive"), WAIT);
            node.close();
            Frame bye = r.await(f -> f.retry() != null && f.comments().stream().anyMatch(c -> c.contains("shutting down")),
                    WAIT);
            assertNotNull(bye);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!r.ended() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(r.ended(), "the stream ends after the hint");
            assertEquals(bye, r.frames().get(r.frames().size() - 1), "the hint is the last frame");
        } finally {
            node.close();
        }
    }
}
