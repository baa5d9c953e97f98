package io.nowserving.backend.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.nowserving.backend.config.ConfigRepository;
import io.nowserving.backend.redis.RedisConnection;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.sql.Database;
import io.nowserving.backend.testing.BulkEvents;
import io.nowserving.backend.testing.Node;
import io.nowserving.backend.testing.SharedH2;
import io.nowserving.backend.testing.SseReader;
import io.nowserving.backend.testing.SseReader.Frame;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import io.nowserving.backend.testing.TestRedis;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 5 across two backend instances sharing one Redis (same key prefix) and one H2 TCP server: events
 * caused through one reach the clients of the other in order, without gaps; a dropped client resumes on either
 * instance; a client that stops reading is cut off without holding up the others, and catches up.
 */
class CrossInstanceFeedTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String B = "x1";
    @TempDir
    static Path dir;
    private static SharedH2 h2;
    private static Node one;
    private static Node two;
    private static RedisConnection redis;
    private static RedisKeys keys;

    @BeforeAll
    static void start() throws IOException {
        h2 = SharedH2.start(dir);
        String db = h2.url("shared");
        try (Database d = Database.open(db, "sa", "")) {
            new ConfigRepository(d.dataSource()).save(TestBranches.branch(B, 3, null));
        }
        String prefix = TestRedis.randomPrefix();
        keys = new RedisKeys(prefix);
        // queue of 200 frames, a write time-out that never fires during the test: the slow client is cut off
        // by its queue overflowing
        FeedOptions options = FeedOptions.DEFAULTS.withClientQueue(200, Duration.ofMinutes(5));
        one = Node.start(Node.env(dir.resolve("one"), TestRedis.url(), prefix, db), options);
        two = Node.start(Node.env(dir.resolve("two"), TestRedis.url(), prefix, db), options);
        redis = RedisConnection.connect(TestRedis.url());
        two.counter(B, "1", "open");
        two.counter(B, "2", "open");
    }

    @AfterAll
    static void stop() {
        one.close();
        two.close();
        redis.close();
        h2.close();
    }

    /** The feed as the owner: the whole envelopes, to compare with the stream. */
    private static SseReader feed(Node node, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        all.addAll(List.of("Authorization", "Bearer " + node.ownerToken()));
        return SseReader.open(node.uri("/api/v1/branches/" + B + "/events"), all.toArray(String[]::new));
    }

    /** The stream's events by id, for comparing what clients received. */
    private static Map<String, String> stream() {
        Map<String, String> out = new LinkedHashMap<>();
        for (StreamMessage<String, String> m : redis.sync().xrange(keys.events(B), Range.create("-", "+"))) {
            try {
                JsonNode e = TestBackend.JSON.readTree(m.getBody().get("e"));
                out.put(e.get("epoch").asText() + "." + e.get("seq").asLong(), m.getBody().get("e"));
            } catch (IOException ex) {
                throw new AssertionError(ex);
            }
        }
        return out;
    }

    private static long head() {
        return Long.parseLong(redis.sync().get(keys.seq(B)));
    }

    /** Issues tickets and calls them, from four threads, all through {@code node}. */
    private static void traffic(Node node, int tickets) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = thread; i < tickets; i += 4) {
                        assertEquals(201, node.issue(B, i % 2 == 0 ? "a" : "b").status());
                        if (i % 3 == 0) {
                            node.counter(B, thread % 2 == 0 ? "1" : "2", "call-next");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The frames' events are exactly the stream's from {@code from} to {@code to}, in order, same content. */
    private static void assertExactly(List<Frame> events, long from, long to) {
        Map<String, String> stream = stream();
        List<Frame> range = events.stream().filter(f -> f.seq() >= from && f.seq() <= to).toList();
        assertEquals(to - from + 1, range.size(), "one frame per event, none missing, none repeated");
        long seq = from;
        for (Frame f : range) {
            assertEquals(seq++, f.seq(), "in order, no gap");
            assertEquals(stream.get(f.id()), f.data(), "the event itself");
        }
    }

    @Test
    void aClientOnOneInstanceSeesEventsCausedThroughTheOtherInOrderWithoutGaps() throws Exception {
        try (SseReader client = feed(one)) {
            Frame snap = client.nextEvent(WAIT);
            assertEquals("snapshot", snap.event());
            traffic(two, 40);
            long last = head();
            client.await(f -> f.isEvent() && f.id().endsWith("." + last), WAIT);
            assertExactly(client.events(), snap.seq() + 1, last);
        }
    }

    @Test
    void aClientThatDropsAndReconnectsToEitherInstanceMissesNothing() throws Exception {
        List<Frame> seen = new ArrayList<>();
        long from;
        try (SseReader client = feed(one)) {
            from = client.nextEvent(WAIT).seq() + 1;
            traffic(two, 8);
            long mid = head();
            client.await(f -> f.isEvent() && f.seq() == mid, WAIT);
            seen.addAll(client.events());
        }
        traffic(one, 8); // while it is away
        String lastId = seen.get(seen.size() - 1).id();
        try (SseReader client = feed(two, "Last-Event-ID", lastId)) {
            traffic(two, 4);
            long last = head();
            client.await(f -> f.isEvent() && f.seq() == last, WAIT);
            assertTrue(client.events().stream().noneMatch(f -> "snapshot".equals(f.event())), "a resume, not a snapshot");
            seen.addAll(client.events());
            assertExactly(seen.stream().filter(f -> !"snapshot".equals(f.event())).toList(), from, last);
        }
    }

    @Test
    void aClientThatStopsReadingIsCutOffWithoutHoldingUpOthersAndCatchesUp() throws Exception {
        try (SseReader fast1 = feed(one); SseReader fast2 = feed(two); Socket stalled = new Socket()) {
            long from = fast1.nextEvent(WAIT).seq() + 1;
            fast2.nextEvent(WAIT);
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", one.port()));
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /api/v1/branches/" + B + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // it never reads: fill its socket buffers (a few MB) until its writes stay pending while a client
            // of the same instance has received everything
            for (int mb = 1; ; mb++) {
                assertTrue(mb <= 24, "the stalled socket never filled up");
                long seq = BulkEvents.emit(redis.sync(), keys, B, 64, 16_000);
                fast1.await(f -> f.isEvent() && f.seq() == seq, WAIT);
                if (one.app().feedStats().blocked() == 1) {
                    break;
                }
            }
            // while it is stuck, everyone else gets events caused through the other instance
            traffic(two, 40);
            long mark = head();
            fast1.await(f -> f.isEvent() && f.seq() == mark, WAIT);
            fast2.await(f -> f.isEvent() && f.seq() == mark, WAIT);
            assertEquals(0, one.app().feedStats().slowDisconnects(), "still connected: it held nobody up");
            // its queue (200 frames) overflows: cut off (big events, in case its buffers had room left)
            for (int batch = 1; one.app().feedStats().slowDisconnects() == 0; batch++) {
                assertTrue(batch <= 24, "the stalled client was never cut off");
                long seq = BulkEvents.emit(redis.sync(), keys, B, 64, 16_000);
                fast1.await(f -> f.isEvent() && f.seq() == seq, WAIT);
            }
            traffic(two, 8);
            long last = head();
            fast1.await(f -> f.isEvent() && f.seq() == last, WAIT);
            fast2.await(f -> f.isEvent() && f.seq() == last, WAIT);
            assertExactly(fast1.events(), from, last);
            assertExactly(fast2.events(), from, last);
            // what it received before the cut, then a resume from its last complete event
            String lastId = lastCompleteId(stalled.getInputStream());
            try (SseReader back = feed(one, "Last-Event-ID", lastId)) {
                back.await(f -> f.isEvent() && f.seq() == last, WAIT);
                long resumedFrom = Long.parseLong(lastId.substring(lastId.indexOf('.') + 1)) + 1;
                assertExactly(back.events(), resumedFrom, last);
            }
        }
    }

    private static String lastCompleteId(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                all.write(buf, 0, n);
            }
        } catch (IOException e) {
            // reset by the server: what arrived is enough
        }
        String text = all.toString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("id: (\\S+)\\nevent: [^\\n]+\\ndata: [^\\n]*\\n\\n").matcher(text.replace("\r\n", "\n"));
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        assertTrue(last != null, "it had received some events: " + text.length() + " bytes");
        return last;
    }
}
