package io.nowserving.backend.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.events.ticket.StreamTokens;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.testing.SseReader;
import io.nowserving.backend.testing.SseReader.Frame;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ticket feed: a short-lived stream token, then state, positions, called and closed. */
class TicketFeedTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    static Path dir;
    private static TestBackend backend;

    @BeforeAll
    static void start() {
        backend = TestBackend.start(dir, TestBranches.branch("tf", 1, null), TestBranches.branch("tg", 1, null));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static String streamToken(String branch, JsonNode ticket) {
        TestBackend.Reply r = backend.post("/api/v1/branches/" + branch + "/tickets/" + ticket.get("id").asText()
                + "/stream-token", null, "X-Ticket-Token", ticket.get("token").asText());
        assertEquals(200, r.status(), String.valueOf(r.body()));
        assertEquals("no-store", r.header("Cache-Control"));
        return r.body().get("streamToken").asText();
    }

    private static SseReader feed(String branch, JsonNode ticket, String st) {
        return SseReader.open(backend.uri("/api/v1/branches/" + branch + "/tickets/" + ticket.get("id").asText()
                + "/events?st=" + st));
    }

    @Test
    void aTicketGetsABoundedNumberOfStreamTokensSoNobodyFillsRedisWithThem() {
        JsonNode mine = backend.issue("tg", "a").body();
        String path = "/api/v1/branches/tg/tickets/" + mine.get("id").asText() + "/stream-token";
        for (int i = 0; i < StreamTokens.MAX_PER_WINDOW; i++) {
            streamToken("tg", mine);
        }
        TestBackend.Reply refused = backend.post(path, null, "X-Ticket-Token", mine.get("token").asText());
        assertEquals(429, refused.status());
        assertEquals("rate_limited", refused.code());
        long retry = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retry > 0 && retry <= StreamTokens.TTL_SECONDS, "Retry-After " + retry);
        assertTrue(backend.redis().ttl(backend.keys().streamTokenCount("tg", mine.get("id").asText())) > 0,
                "the count expires with its window");
    }

    @Test
    void aStreamTokenNeedsTheTicketTokenIsStoredHashedAndOpensOnlyItsTicket() {
        JsonNode mine = backend.issue("tg", "a").body();
        JsonNode other = backend.issue("tg", "a").body();
        String path = "/api/v1/branches/tg/tickets/" + mine.get("id").asText();
        assertEquals(404, backend.post(path + "/stream-token", null).status());
        assertEquals(404, backend.post(path + "/stream-token", null, "X-Ticket-Token", other.get("token").asText())
                .status());
        String st = streamToken("tg", mine);
        String key = backend.keys().streamToken("tg", Ids.sha256(st));
        assertEquals(mine.get("id").asText(), backend.redis().get(key), "kept under its hash");
        long ttl = backend.redis().ttl(key);
        assertTrue(ttl > 0 && ttl <= 300, "valid five minutes: " + ttl);
        assertFalse(backend.redis().keys(backend.keys().allOf("tg")).stream().anyMatch(k -> k.contains(st)));
        assertEquals(404, backend.get(path + "/events?st=" + st.substring(1) + "A").status());
        assertEquals(404, backend.get(path + "/events").status());
        assertEquals(404, backend.get("/api/v1/branches/tg/tickets/" + other.get("id").asText() + "/events?st=" + st)
                .status(), "a stream token opens its own ticket only");
    }

    @Test
    void theFeedStartsWithTheTicketThenPositionsThenCalledThenClosed() throws Exception {
        backend.counter("tf", "1", "open");
        backend.issue("tf", "a");
        backend.issue("tf", "a");
        JsonNode mine = backend.issue("tf", "a").body();
        JsonNode gone = backend.issue("tf", "a").body();
        try (SseReader r = feed("tf", mine, streamToken("tf", mine));
                SseReader g = feed("tf", gone, streamToken("tf", gone))) {
            assertEquals(200, r.status());
            Frame state = r.nextEvent(WAIT);
            assertEquals("state", state.event());
            JsonNode t = TestBackend.JSON.readTree(state.data());
            assertEquals("waiting", t.get("status").asText());
            assertEquals(2, t.get("ahead").asInt());
            assertFalse(state.data().contains("token"), "the feed never carries the ticket token");
            assertEquals("state", g.nextEvent(WAIT).event());

            backend.counter("tf", "1", "call-next");
            assertEquals(1, position(r).get("ahead").asInt());
            backend.counter("tf", "1", "call-next");
            assertEquals(0, position(r).get("ahead").asInt());
            backend.counter("tf", "1", "call-next");
            Frame called = r.nextEvent(WAIT);
            assertEquals("called", called.event());
            assertEquals("1", TestBackend.JSON.readTree(called.data()).get("counter").asText());
            backend.counter("tf", "1", "complete");
            Frame closed = r.nextEvent(WAIT);
            assertEquals("closed", closed.event());
            assertEquals("completed", TestBackend.JSON.readTree(closed.data()).get("status").asText());

            assertEquals(204, backend.send("DELETE", "/api/v1/branches/tf/tickets/" + gone.get("id").asText(), null,
                    "X-Ticket-Token", gone.get("token").asText()).status());
            Frame cancelled = g.await(f -> "closed".equals(f.event()), WAIT);
            assertEquals("cancelled", TestBackend.JSON.readTree(cancelled.data()).get("status").asText());
            assertTrue(g.events().stream().filter(f -> "position".equals(f.event())).count() <= 4,
                    "positions only when they change");
        }
    }

    /** The next position frame (coalesced: several changes may arrive as one, never out of date). */
    private static JsonNode position(SseReader r) throws Exception {
        Frame f = r.nextEvent(WAIT);
        assertEquals("position", f.event(), f.toString());
        JsonNode p = TestBackend.JSON.readTree(f.data());
        assertTrue(p.has("estimatedWait"));
        return p;
    }
}
