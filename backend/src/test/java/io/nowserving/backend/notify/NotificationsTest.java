package io.nowserving.backend.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.Events;
import io.nowserving.backend.testing.FakeLine;
import io.nowserving.backend.testing.NotifyProbe;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notifications derived from the event stream and pushed to LINE (MockWebServer), at most once, with retries. */
class NotificationsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static String user(int n) {
        return String.format("U%032x", 0x100 + n);
    }

    private static Map<String, String> settings(FakeLine line, String branch) {
        Map<String, String> s = new HashMap<>(line.settings(branch));
        s.put("NOWSERVING_NOTIFY_AHEAD", "1");
        s.put("NOWSERVING_LINE_PUSH_PER_SECOND", "50");
        s.put("NOWSERVING_METRICS_TOKEN", "metrics-token-for-tests");
        return s;
    }

    /** Takes a ticket through LINE; answers its id. */
    private static String take(TestBackend backend, String branch, String user, String text) throws Exception {
        int before = Events.ofType(backend, branch, "ticket.issued").size();
        String eventId = "take-" + user + "-" + System.nanoTime();
        assertEquals(200, FakeLine.deliver(backend, FakeLine.textEvent(eventId, user, text)).status());
        List<JsonNode> issued = Events.ofType(backend, branch, "ticket.issued");
        assertEquals(before + 1, issued.size(), "a new ticket");
        return issued.get(issued.size() - 1).path("ticket").path("id").asText();
    }

    private static List<FakeLine.Call> pushesTo(FakeLine line, String user) {
        return line.pushes().stream().filter(c -> c.body().path("to").asText().equals(user)).toList();
    }

    @Test
    void aLineTicketHearsItsTurnIsNearItsCallAndItsNoShow(@TempDir Path dir) throws Exception {
        String b = "nt1";
        try (FakeLine line = new FakeLine();
                TestBackend backend = TestBackend.start(dir, settings(line, b), TestBranches.branch(b, 1, null))) {
            assertEquals(200, backend.counter(b, "1", "open").status());
            for (int i = 0; i < 3; i++) {
                assertEquals(201, backend.issue(b, "a").status());
            }
            String u = user(1);
            take(backend, b, u, "取號 A"); // three ahead: more than NOWSERVING_NOTIFY_AHEAD = 1
            backend.counter(b, "1", "call-next");
            NotifyProbe.awaitSettled(backend, b, WAIT);
            assertEquals(0, pushesTo(line, u).size(), "two ahead: nothing yet");
            backend.counter(b, "1", "call-next");
            Await.until(WAIT, "the 'one ahead' push", () -> pushesTo(line, u).size() == 1);
            FakeLine.Call near = pushesTo(line, u).get(0);
            assertTrue(near.text().contains("前面還有 1 位"), near.text());
            assertNotNull(near.header("X-Line-Retry-Key"));
            assertEquals("Bearer " + FakeLine.TOKEN, near.header("Authorization"));
            backend.counter(b, "1", "call-next"); // now 0 ahead: the 'near' message was sent once already
            backend.counter(b, "1", "call-next"); // the LINE ticket is called
            Await.until(WAIT, "the call push", () -> pushesTo(line, u).size() == 2);
            assertTrue(pushesTo(line, u).get(1).text().contains("請立即前往Counter 1"), pushesTo(line, u).get(1).text());
            backend.counter(b, "1", "no-show");
            Await.until(WAIT, "the no-show push", () -> pushesTo(line, u).size() == 3);
            assertTrue(pushesTo(line, u).get(2).text().contains("請在 5 分鐘內回來"), pushesTo(line, u).get(2).text());
            NotifyProbe.awaitSettled(backend, b, WAIT);
            assertEquals(3, pushesTo(line, u).size(), "nothing twice");
            Set<String> keys = new HashSet<>();
            pushesTo(line, u).forEach(c -> keys.add(c.header("X-Line-Retry-Key")));
            assertEquals(3, keys.size(), "a retry key per message");
            assertTrue(backend.issue(b, "a").status() == 201); // web tickets are never pushed
            NotifyProbe.awaitSettled(backend, b, WAIT);
            assertEquals(3, line.pushes().size());
        }
    }

    @Test
    void twoInstancesPushEachMessageOnce(@TempDir Path dir) throws Exception {
        String b = "nt2";
        try (FakeLine line = new FakeLine();
                TestBackend one = TestBackend.start(dir, settings(line, b), TestBranches.branch(b, 1, null));
                TestBackend two = one.startAnother()) {
            assertEquals(200, one.counter(b, "1", "open").status());
            int n = 12;
            for (int i = 0; i < n; i++) {
                take(i % 2 == 0 ? one : two, b, user(100 + i), i % 2 == 0 ? "take A" : "取號 A");
            }
            for (int i = 0; i < n; i++) {
                assertEquals(200, (i % 2 == 0 ? one : two).counter(b, "1", "call-next").status());
            }
            // every ticket hears its call, each once; 'near' messages come at most once each (how many depends on
            // how far the dispatchers lag behind the calls: positions are read when an event is handled)
            Await.until(WAIT, "every call pushed", () -> line.pushes().stream()
                    .filter(c -> c.text().contains("Counter 1")).count() >= n);
            NotifyProbe.awaitSettled(one, b, WAIT); // both instances share the streams and groups
            Map<String, Integer> byMessage = new HashMap<>();
            for (FakeLine.Call c : line.pushes()) {
                byMessage.merge(c.body().path("to").asText() + " " + c.text(), 1, Integer::sum);
            }
            assertEquals(n, line.pushes().stream().filter(c -> c.text().contains("Counter 1")).count(),
                    "pushes: " + byMessage);
            byMessage.forEach((message, times) -> assertEquals(1, times, message));
            Set<String> retryKeys = new HashSet<>();
            line.pushes().forEach(c -> retryKeys.add(c.header("X-Line-Retry-Key")));
            assertEquals(line.pushes().size(), retryKeys.size(), "no message sent twice under one retry key");
        }
    }

    @Test
    void a429WithRetryAfterIsHonouredUnderTheSameRetryKey(@TempDir Path dir) throws Exception {
        String b = "nt3";
        try (FakeLine line = new FakeLine();
                TestBackend backend = TestBackend.start(dir, settings(line, b), TestBranches.branch(b, 1, null))) {
            assertEquals(200, backend.counter(b, "1", "open").status());
            line.failPushes(new MockResponse().setResponseCode(429).setHeader("Retry-After", "2").setBody("{}"));
            String u = user(2);
            take(backend, b, u, "take A");
            backend.counter(b, "1", "call-next");
            Await.until(WAIT, "the push tried twice", () -> pushesTo(line, u).size() == 2);
            List<FakeLine.Call> tries = pushesTo(line, u);
            long apartMs = (tries.get(1).atNanos() - tries.get(0).atNanos()) / 1_000_000;
            assertTrue(apartMs >= 2000, "waited out Retry-After: 2, not " + apartMs + " ms");
            assertEquals(tries.get(0).header("X-Line-Retry-Key"), tries.get(1).header("X-Line-Retry-Key"));
            assertEquals(tries.get(0).text(), tries.get(1).text());
            NotifyProbe.awaitSettled(backend, b, WAIT);
            assertEquals(2, pushesTo(line, u).size());
        }
    }

    @Test
    void aMessageFailingFiveTimesIsADeadLetterThatAnOwnerReplays(@TempDir Path dir) throws Exception {
        String b = "nt4";
        try (FakeLine line = new FakeLine();
                TestBackend backend = TestBackend.start(dir, settings(line, b), TestBranches.branch(b, 1, null))) {
            assertEquals(200, backend.counter(b, "1", "open").status());
            for (int i = 0; i < 5; i++) {
                line.failPushes(new MockResponse().setResponseCode(500).setHeader("Retry-After", "0").setBody("{}"));
            }
            String u = user(3);
            String ticket = take(backend, b, u, "take A");
            backend.counter(b, "1", "call-next");
            Await.until(WAIT, "a dead letter", () -> backend.owner("GET", "/api/v1/notifications/dead-letters", null)
                    .body().size() == 1);
            assertEquals(5, pushesTo(line, u).size(), "five tries");
            JsonNode dead = backend.owner("GET", "/api/v1/notifications/dead-letters", null).body().get(0);
            assertEquals(ticket, dead.path("ticket").asText());
            assertEquals("called", dead.path("kind").asText());
            assertEquals("HTTP 500", dead.path("why").asText());
            assertEquals(5, dead.path("attempts").asInt());
            assertTrue(dead.toString().indexOf(u) < 0, "no LINE id in a dead letter");
            assertEquals(403, backend.staff("GET", "/api/v1/notifications/dead-letters", null).status(),
                    "clerks may not");
            JsonNode status = backend.owner("GET", "/api/v1/notifications", null).body();
            assertEquals(1, status.path("deadLetters").asInt());
            assertEquals(1, status.path("counts").path("dead").asInt());
            String metrics = backend.get("/metrics", "Authorization", "Bearer metrics-token-for-tests").raw().body();
            assertTrue(metrics.contains("nowserving_notify_dead_letters 1"), metrics);
            assertTrue(metrics.contains("nowserving_notify_total{outcome=\"failed\"} 5"), metrics);

            TestBackend.Reply replay = backend.owner("POST", "/api/v1/notifications/dead-letters/"
                    + dead.path("id").asText() + "/replay", null);
            assertEquals(200, replay.status(), String.valueOf(replay.body()));
            Await.until(WAIT, "the replayed push", () -> pushesTo(line, u).size() == 6);
            assertEquals(pushesTo(line, u).get(0).header("X-Line-Retry-Key"),
                    pushesTo(line, u).get(5).header("X-Line-Retry-Key"), "replayed under its retry key");
            assertEquals(0, backend.owner("GET", "/api/v1/notifications", null).body().path("deadLetters").asInt());
            assertEquals(404, backend.owner("POST", "/api/v1/notifications/dead-letters/"
                    + dead.path("id").asText() + "/replay", null).status());
        }
    }

    @Test
    void pausedSendingWaitsInTheOutboxUntilResumed(@TempDir Path dir) throws Exception {
        String b = "nt5";
        try (FakeLine line = new FakeLine();
                TestBackend backend = TestBackend.start(dir, settings(line, b), TestBranches.branch(b, 1, null))) {
            assertEquals(200, backend.counter(b, "1", "open").status());
            // a first message, sent: the sender runs (Redis lists its consumer once it has been handed an entry)
            String first = user(5);
            take(backend, b, first, "take A");
            backend.counter(b, "1", "call-next");
            Await.until(WAIT, "the first push", () -> pushesTo(line, first).size() == 1);
            assertEquals(200, backend.owner("POST", "/api/v1/notifications/pause", null).status());
            String u = user(4);
            take(backend, b, u, "take A");
            backend.counter(b, "1", "call-next");
            Await.until(WAIT, "the message queued", () -> backend.owner("GET", "/api/v1/notifications", null).body()
                    .path("outbox").asInt() == 1);
            // the sign that pausing holds: Redis has handed the send consumer nothing for 1 s with the message
            // queued; a sender ignoring the pause would have been handed it at once and sent it within that second
            Await.until(WAIT, "the paused sender away from the outbox for 1 s",
                    () -> NotifyProbe.senderIdleMs(backend) >= 1000);
            assertEquals(1L, backend.redis().xlen(backend.keys().outbox()), "still queued");
            assertEquals(0, pushesTo(line, u).size(), "nothing sent while paused");
            assertTrue(backend.owner("GET", "/api/v1/notifications", null).body().path("paused").asBoolean());
            assertEquals(200, backend.owner("POST", "/api/v1/notifications/resume", null).status());
            Await.until(WAIT, "the push after resume", () -> pushesTo(line, u).size() == 1);
            Await.until(WAIT, "the outbox empty", () -> backend.owner("GET", "/api/v1/notifications", null).body()
                    .path("outbox").asInt() == 0);
        }
    }
}
