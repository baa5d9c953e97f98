package io.nowserving.backend.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.testing.Events;
import io.nowserving.backend.testing.SseReader;
import io.nowserving.backend.testing.SseReader.Frame;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The branch feed on one instance: snapshot first, every event in order, resume by Last-Event-ID, projections. */
class BranchFeedTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    static Path dir;
    private static TestBackend backend;

    @BeforeAll
    static void start() {
        backend = TestBackend.start(dir, TestBranches.branch("f1", 2, null), TestBranches.branch("f2", 1, null),
                TestBranches.branch("f3", 1, null), TestBranches.branch("f4", 1, null),
                TestBranches.branch("f5", 1, null));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    /** The feed as the owner (whole envelopes), or anonymously when the query asks for the public view. */
    private static SseReader feed(String branch, String query, String... headers) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(headers));
        if (!query.contains("view=public")) {
            all.addAll(java.util.List.of("Authorization", "Bearer " + backend.ownerToken()));
        }
        return SseReader.open(backend.uri("/api/v1/branches/" + branch + "/events" + query), all.toArray(String[]::new));
    }

    @Test
    void aFreshConnectionStartsWithTheSnapshotThenEveryEventInOrder() throws Exception {
        try (SseReader r = feed("f1", "")) {
            assertEquals(200, r.status());
            assertTrue(r.header("Content-Type").startsWith("text/event-stream"));
            Frame hello = r.next(WAIT);
            assertNotNull(hello.retry(), "the stream opens with a retry hint");
            Frame snap = r.nextEvent(WAIT);
            assertEquals("snapshot", snap.event());
            JsonNode body = TestBackend.JSON.readTree(snap.data());
            JsonNode get = backend.get("/api/v1/branches/f1").body();
            assertEquals(get.get("epoch"), body.get("epoch"));
            assertEquals(get.get("services"), body.get("services"));
            assertEquals(body.get("epoch").asText() + "." + body.get("seq").asLong(), snap.id());

            backend.issue("f1", "a");
            backend.issue("f1", "b");
            backend.counter("f1", "1", "open");
            backend.counter("f1", "1", "call-next");
            List<JsonNode> stream = Events.all(backend, "f1");
            for (JsonNode expected : stream.subList((int) snap.seq(), stream.size())) {
                Frame f = r.nextEvent(WAIT);
                assertEquals(expected.get("epoch").asText() + "." + expected.get("seq").asLong(), f.id());
                assertEquals(expected.get("type").asText(), f.event());
                assertEquals(expected, TestBackend.JSON.readTree(f.data()), "staff get the whole envelope");
            }
            assertEquals(stream.size(), snap.seq() + 4);
        }
    }

    @Test
    void lastEventIdResumesFromTheStreamWithoutGapsOrRepeats() throws Exception {
        String resumeFrom;
        try (SseReader r = feed("f2", "")) {
            r.nextEvent(WAIT); // snapshot
            backend.issue("f2", "a");
            backend.issue("f2", "a");
            r.nextEvent(WAIT);
            resumeFrom = r.nextEvent(WAIT).id();
        }
        backend.issue("f2", "a");
        backend.issue("f2", "b");
        backend.issue("f2", "b");
        long from = Long.parseLong(resumeFrom.substring(resumeFrom.indexOf('.') + 1));
        for (String how : List.of("header", "query")) {
            try (SseReader r = how.equals("header") ? feed("f2", "", "Last-Event-ID", resumeFrom)
                    : feed("f2", "?lastEventId=" + resumeFrom)) {
                for (long seq = from + 1; seq <= from + 3; seq++) {
                    Frame f = r.nextEvent(WAIT);
                    assertEquals("ticket.issued", f.event(), how);
                    assertEquals(seq, f.seq(), how + ": the missed events, in order, no snapshot");
                }
                if (how.equals("query")) {
                    backend.counter("f2", "1", "open");
                    assertEquals(from + 4, r.nextEvent(WAIT).seq(), "then live events");
                }
            }
        }
    }

    @Test
    void anIdOfAnotherEpochAMalformedIdOrOneOlderThanTheStreamGetsASnapshot() throws Exception {
        backend.issue("f3", "a");
        backend.issue("f3", "a");
        backend.issue("f3", "a");
        String epoch = backend.redis().get(backend.keys().epoch("f3"));
        for (String id : List.of("zzzzzzzzzzzz.2", "not an id", epoch + ".99999")) {
            try (SseReader r = feed("f3", "", "Last-Event-ID", id)) {
                Frame f = r.nextEvent(WAIT);
                assertEquals("snapshot", f.event(), id);
                assertEquals(epoch + ".4", f.id(), id);
            }
        }
        backend.redis().xtrim(backend.keys().events("f3"), 2); // the stream lost seq 1 and 2
        try (SseReader r = feed("f3", "", "Last-Event-ID", epoch + ".1")) {
            Frame f = r.nextEvent(WAIT);
            assertEquals("snapshot", f.event(), "seq 2 is no longer in the stream");
            assertEquals(epoch + ".4", f.id());
        }
        try (SseReader r = feed("f3", "", "Last-Event-ID", epoch + ".2")) {
            assertEquals(epoch + ".3", r.nextEvent(WAIT).id(), "3 and 4 still are");
            assertEquals(epoch + ".4", r.nextEvent(WAIT).id());
        }
    }

    @Test
    void anyoneGetsThePublicProjectionWithoutActorIdOrChannel() throws Exception {
        try (SseReader pub = feed("f4", "?view=public"); SseReader staff = feed("f4", "")) {
            pub.nextEvent(WAIT);
            staff.nextEvent(WAIT);
            backend.issue("f4", "a");
            backend.counter("f4", "1", "open");
            backend.counter("f4", "1", "call-next");
            for (int i = 0; i < 3; i++) {
                Frame p = pub.nextEvent(WAIT);
                Frame s = staff.nextEvent(WAIT);
                assertEquals(s.id(), p.id());
                JsonNode pe = TestBackend.JSON.readTree(p.data());
                JsonNode se = TestBackend.JSON.readTree(s.data());
                assertFalse(pe.path("actor").has("id"), p.data());
                assertFalse(pe.path("ticket").has("channel"), p.data());
                assertFalse(p.data().contains("Hash") || s.data().contains("Hash"), "never the private field");
                if (se.path("ticket").has("channel")) {
                    assertEquals("web", se.path("ticket").path("channel").asText());
                }
                if (p.event().equals("ticket.called")) {
                    assertEquals(backend.clerkId(), se.path("actor").path("id").asText(), "staff see who acted");
                    assertEquals(se.path("ticket").path("number"), pe.path("ticket").path("number"));
                }
            }
        }
    }

    @Test
    void onlyStaffOfTheBranchSeeWhoHoldsACounter() throws Exception {
        String display = backend.createDevice("f5", "display");
        assertEquals(200, backend.counter("f5", "1", "open").status());
        String path = "/api/v1/branches/f5";
        for (String token : new String[] {null, display}) {
            JsonNode counter = (token == null ? backend.get(path) : backend.sendAs(token, "GET", path, null))
                    .body().get("counters").get(0);
            assertTrue(counter.path("clerk").isMissingNode() || counter.path("clerk").isNull(), counter.toString());
        }
        assertEquals(backend.clerkId(), backend.staffGet(path).body().get("counters").get(0).path("clerk").asText());
        assertEquals(backend.clerkId(), backend.owner("GET", path, null).body().get("counters").get(0).path("clerk")
                .asText());

        URI events = backend.uri(path + "/events");
        try (SseReader anyone = SseReader.open(events);
             SseReader device = SseReader.open(events, "Authorization", "Bearer " + display);
             SseReader clerk = SseReader.open(events, "Authorization", "Bearer " + backend.clerkToken())) {
            for (SseReader r : List.of(anyone, device)) {
                Frame snap = r.nextEvent(WAIT);
                assertEquals("snapshot", snap.event());
                assertFalse(snap.data().contains(backend.clerkId()), snap.data());
            }
            Frame snap = clerk.nextEvent(WAIT);
            assertEquals(backend.clerkId(), TestBackend.JSON.readTree(snap.data()).get("counters").get(0)
                    .path("clerk").asText(), "the counter console needs to know who holds a counter");
            assertEquals(200, backend.counter("f5", "1", "pause").status());
            for (SseReader r : List.of(anyone, device)) {
                Frame changed = r.nextEvent(WAIT);
                assertEquals("counter.changed", changed.event());
                assertFalse(changed.data().contains(backend.clerkId()), changed.data());
                assertEquals("paused", TestBackend.JSON.readTree(changed.data()).path("counter").path("state").asText());
            }
            Frame changed = clerk.nextEvent(WAIT);
            assertEquals(backend.clerkId(), TestBackend.JSON.readTree(changed.data()).path("counter").path("clerk")
                    .asText());
        }
    }

    @Test
    void anUnknownBranchIsA404AndNoStream() {
        TestBackend.Reply r = backend.get("/api/v1/branches/nope/events");
        assertEquals(404, r.status());
        assertEquals("not_found", r.code());
        assertNull(r.header("X-Accel-Buffering"));
        assertEquals(400, backend.get("/api/v1/branches/No%20Such/events").status());
    }
}
