package io.nowserving.backend.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.BulkEvents;
import io.nowserving.backend.testing.SseReader;
import io.nowserving.backend.testing.SseReader.Frame;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client far behind costs one snapshot, read by its own request: it never replays thousands of events, never
 * delays live delivery to others, and a new client never sees an event older than its snapshot. Feeds per client
 * address are bounded.
 */
class FeedCatchUpTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int RESUMES = 50;
    @TempDir
    static Path dir;
    private static TestBackend backend;

    @BeforeAll
    static void start() {
        backend = TestBackend.start(dir, Map.of("NOWSERVING_FEED_CONNECTIONS_PER_ADDRESS", "200"),
                TestBranches.branch("c1", 1, null), TestBranches.branch("c2", 1, null));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static SseReader feed(String branch, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        all.addAll(List.of("Authorization", "Bearer " + backend.ownerToken()));
        return SseReader.open(backend.uri("/api/v1/branches/" + branch + "/events"), all.toArray(String[]::new));
    }

    @Test
    void aResumeFarBehindGetsASnapshotAndOneWithinTheBoundAReplay() throws Exception {
        backend.issue("c1", "a");
        String epoch = backend.redis().get(backend.keys().epoch("c1"));
        long head = BulkEvents.emit(backend.redis(), backend.keys(), "c1", 2000, 100);
        long live;
        try (SseReader r = feed("c1", "Last-Event-ID", epoch + "." + (head - 2000))) {
            Frame first = r.nextEvent(WAIT);
            assertEquals("snapshot", first.event(), "2,000 events behind: a snapshot, not 2,000 frames");
            assertEquals(epoch + "." + head, first.id());
            live = BulkEvents.emit(backend.redis(), backend.keys(), "c1", 1, 10);
            assertEquals(live, r.nextEvent(WAIT).seq(), "then live events");
        }
        try (SseReader r = feed("c1", "Last-Event-ID", epoch + "." + (live - CatchUp.MAX_REPLAY))) {
            for (long seq = live - CatchUp.MAX_REPLAY + 1; seq <= live; seq++) {
                assertEquals(seq, r.nextEvent(WAIT).seq(), "within the bound: the missed events");
            }
        }
    }

    @Test
    void fiftyResumesFarBehindDoNotDelayLiveDeliveryToAnotherClient() throws Exception {
        backend.issue("c2", "a");
        String epoch = backend.redis().get(backend.keys().epoch("c2"));
        long head = BulkEvents.emit(backend.redis(), backend.keys(), "c2", 2000, 400);
        try (SseReader live = feed("c2")) {
            assertEquals("snapshot", live.nextEvent(WAIT).event());
            Map<Long, Long> arrived = new ConcurrentHashMap<>();
            Thread watch = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Frame f = live.next(Duration.ofSeconds(1));
                        if (f != null && f.isEvent()) {
                            arrived.put(f.seq(), System.nanoTime());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "test-live-watch");
            watch.setDaemon(true);
            watch.start();

            ExecutorService pool = Executors.newFixedThreadPool(RESUMES);
            List<Future<SseReader>> resumes = new ArrayList<>();
            Map<Long, Long> sent = new ConcurrentHashMap<>();
            try {
                for (int i = 0; i < RESUMES; i++) {
                    resumes.add(pool.submit(() -> feed("c2", "Last-Event-ID", epoch + "." + (head - 2000))));
                }
                long last = head;
                int emitted = 0;
                // live events all the while the resumes connect (150 at least, as many as 3 s at 20 ms gave), each
                // once the one before is live: paced by the feed itself, not by a fixed pause
                while (emitted++ < 150 || resumes.stream().anyMatch(f -> !f.isDone())) {
                    last = BulkEvents.emit(backend.redis(), backend.keys(), "c2", 1, 10);
                    sent.put(last, System.nanoTime());
                    long seq = last;
                    Await.until(WAIT, "the live client has event " + seq, () -> arrived.containsKey(seq));
                }
                long lastSeq = last;
                Await.until(WAIT, "the live client has every event", () -> arrived.containsKey(lastSeq));
                long worstMs = sent.entrySet().stream()
                        .mapToLong(e -> (arrived.get(e.getKey()) - e.getValue()) / 1_000_000).max().orElseThrow();
                assertTrue(worstMs < 500, "live delivery delayed by " + worstMs + " ms");

                for (Future<SseReader> f : resumes) {
                    SseReader r = f.get();
                    assertEquals(200, r.status());
                    Frame snap = r.nextEvent(WAIT);
                    assertEquals("snapshot", snap.event());
                    long expect = snap.seq() + 1;
                    while (expect <= lastSeq) {
                        assertEquals(expect, r.nextEvent(WAIT).seq(), "after its snapshot, each later event once");
                        expect++;
                    }
                }
            } finally {
                watch.interrupt();
                for (Future<SseReader> f : resumes) {
                    try {
                        f.get().close();
                    } catch (Exception e) {
                        // the assertion above already failed
                    }
                }
                pool.shutdownNow();
            }
        }
    }

    @Test
    void feedsOverTheLimitPerAddressAre429() throws Exception {
        try (TestBackend small = TestBackend.start(dir.resolve("small"),
                Map.of("NOWSERVING_FEED_CONNECTIONS_PER_ADDRESS", "2"), TestBranches.branch("c3", 1, null))) {
            java.net.URI uri = small.uri("/api/v1/branches/c3/events");
            try (SseReader one = SseReader.open(uri); SseReader two = SseReader.open(uri)) {
                assertEquals(200, one.status());
                assertEquals(200, two.status());
                try (SseReader three = SseReader.open(uri)) {
                    assertEquals(429, three.status());
                    assertNotNull(three.header("Retry-After"));
                }
                TestBackend.Reply r = small.get("/api/v1/branches/c3/events");
                assertEquals(429, r.status());
                assertEquals("rate_limited", r.code());
                one.close();
                Await.until(WAIT, "a closed feed frees its place", () -> {
                    try (SseReader again = SseReader.open(uri)) {
                        return again.status() == 200;
                    }
                });
            }
        }
    }
}
