package io.nowserving.backend.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.testing.Events;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketLifecycleTest {
    @TempDir
    static Path dir;
    static TestBackend backend;
    static int branchNo;

    @BeforeAll
    static void start() {
        backend = TestBackend.start(dir, TestBranches.branch("l1", 2, null), TestBranches.branch("l2", 2, null),
                TestBranches.branch("l3", 2, null), TestBranches.branch("l4", 2, null),
                TestBranches.branch("l5", 2, null), TestBranches.branch("l6", 2, null),
                TestBranches.branch("l7", 2, null), TestBranches.branch("l8", 2, null));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static String path(String b) {
        return "/api/v1/branches/" + b + "/tickets";
    }

    @Test
    void issuedTicketsAreNumberedInOrderAndTellWhoIsAhead() {
        Reply first = backend.issue("l1", "a");
        Reply second = backend.issue("l1", "a");
        assertEquals(201, first.status());
        assertEquals("A001", first.body().get("number").asText());
        assertEquals("A002", second.body().get("number").asText());
        assertEquals(0, first.body().get("ahead").asInt());
        assertEquals(1, second.body().get("ahead").asInt());
        assertEquals("waiting", first.body().get("status").asText());
        assertTrue(first.body().get("token").asText().length() >= 43, "token carries at least 256 bits");
        assertTrue(first.body().get("trackUrl").asText().endsWith("/t/l1/" + first.body().get("id").asText() + "#"
                + first.body().get("token").asText()));
        assertEquals("B001", backend.issue("l1", "b").body().get("number").asText());

        Reply mine = backend.get(path("l1") + "/" + second.body().get("id").asText(),
                "X-Ticket-Token", second.body().get("token").asText());
        assertEquals(200, mine.status());
        assertEquals(1, mine.body().get("ahead").asInt());
        assertTrue(mine.body().get("estimatedWait").get("maxSeconds").asLong() > 0);
    }

    @Test
    void aCustomerAskingAgainGetsTheSameTicketWithARotatedToken() {
        Reply first = backend.issue("l2", "a");
        String cookie = first.header("Set-Cookie").split(";")[0];
        Reply again = backend.post(path("l2"), "{\"service\":\"a\"}", "Cookie", cookie);
        assertEquals(200, again.status());
        assertEquals(first.body().get("id"), again.body().get("id"));
        assertNotEquals(first.body().get("token"), again.body().get("token"));
        String ticket = path("l2") + "/" + first.body().get("id").asText();
        assertEquals(404, backend.get(ticket, "X-Ticket-Token", first.body().get("token").asText()).status(),
                "the old token no longer opens the ticket");
        assertEquals(200, backend.get(ticket, "X-Ticket-Token", again.body().get("token").asText()).status());
        assertEquals(1, Events.ofType(backend, "l2", "ticket.issued").size());
        // another service is another ticket
        assertEquals(201, backend.post(path("l2"), "{\"service\":\"b\"}", "Cookie", cookie).status());
    }

    @Test
    void aCancelledTicketIsNeverCalled() {
        Reply a1 = backend.issue("l3", "a");
        Reply a2 = backend.issue("l3", "a");
        Reply a3 = backend.issue("l3", "a");
        Reply cancel = backend.send("DELETE", path("l3") + "/" + a2.body().get("id").asText(), null,
                "X-Ticket-Token", a2.body().get("token").asText());
        assertEquals(204, cancel.status());
        backend.counter("l3", "1", "open");
        assertEquals(a1.body().get("id"), backend.counter("l3", "1", "call-next").body().get("ticket").get("id"));
        assertEquals(a3.body().get("id"), backend.counter("l3", "1", "call-next").body().get("ticket").get("id"));
        assertTrue(backend.counter("l3", "1", "call-next").body().get("ticket").isNull());
        Reply view = backend.get(path("l3") + "/" + a2.body().get("id").asText(), "X-Ticket-Token",
                a2.body().get("token").asText());
        assertEquals("cancelled", view.body().get("status").asText());
        assertEquals(1, Events.ofType(backend, "l3", "ticket.cancelled").size());
        // cancelling a called ticket is refused; a wrong token is a 404
        Reply a4 = backend.issue("l3", "a");
        backend.counter("l3", "1", "call-next");
        Reply late = backend.send("DELETE", path("l3") + "/" + a4.body().get("id").asText(), null,
                "X-Ticket-Token", a4.body().get("token").asText());
        assertEquals(409, late.status());
        assertEquals("already_called", late.code());
        assertEquals(404, backend.send("DELETE", path("l3") + "/" + a4.body().get("id").asText(), null,
                "X-Ticket-Token", "wrong").status());
    }

    @Test
    void aRetriedRequestWithTheSameIdempotencyKeyDoesNothingTwice() {
        String cookie = backend.issue("l4", "b").header("Set-Cookie").split(";")[0];
        Reply first = backend.post(path("l4"), "{\"service\":\"a\"}", "Cookie", cookie, "Idempotency-Key", "k-1");
        Reply retry = backend.post(path("l4"), "{\"service\":\"a\"}", "Cookie", cookie, "Idempotency-Key", "k-1");
        assertEquals(201, first.status());
        assertEquals(201, retry.status(), "the first answer, again");
        assertEquals(first.body().get("id"), retry.body().get("id"));
        assertNotEquals(first.body().get("token"), retry.body().get("token"), "only hashes are kept: a fresh token");
        assertEquals(2, Events.ofType(backend, "l4", "ticket.issued").size());
        Reply reused = backend.post(path("l4"), "{\"service\":\"b\"}", "Cookie", cookie, "Idempotency-Key", "k-1");
        assertEquals(422, reused.status());
        assertEquals("idempotency_key_reused", reused.code());

        backend.issue("l4", "a");
        backend.counter("l4", "1", "open");
        Reply call = backend.staffPost("/api/v1/branches/l4/counters/1/call-next", null, "Idempotency-Key", "c-1");
        Reply callAgain = backend.staffPost("/api/v1/branches/l4/counters/1/call-next", null, "Idempotency-Key", "c-1");
        assertEquals(call.body(), callAgain.body());
        assertEquals(1, Events.ofType(backend, "l4", "ticket.called").size(), "called once");
        assertEquals(0, Events.ofType(backend, "l4", "ticket.completed").size(), "and not completed by the retry");
    }

    @Test
    void aCustomerWithoutACookieWhoRetriesGetsTheFirstTicket() {
        int before = Events.ofType(backend, "l8", "ticket.issued").size();
        Reply first = backend.post(path("l8"), "{\"service\":\"a\"}", "Idempotency-Key", "lost-answer-1");
        Reply retry = backend.post(path("l8"), "{\"service\":\"a\"}", "Idempotency-Key", "lost-answer-1");
        assertEquals(201, first.status(), () -> first.body().toString());
        assertEquals(201, retry.status(), "the first answer, again");
        assertEquals(first.body().get("id"), retry.body().get("id"));
        assertEquals(first.body().get("number"), retry.body().get("number"));
        assertEquals(before + 1, Events.ofType(backend, "l8", "ticket.issued").size(), "one ticket");
        assertEquals(422, backend.post(path("l8"), "{\"service\":\"b\"}", "Idempotency-Key", "lost-answer-1")
                .status(), "the same key with another body");
    }

    @Test
    void counterActionsRefuseWhatTheCounterCannotDo() {
        backend.issue("l5", "a");
        Reply closed = backend.counter("l5", "1", "call-next");
        assertEquals(409, closed.status());
        assertEquals("counter_closed", closed.code());
        assertEquals("open", backend.counter("l5", "1", "open").body().get("counter").get("state").asText());
        Reply idle = backend.counter("l5", "1", "complete");
        assertEquals("not_waiting", idle.code());
        JsonNode called = backend.counter("l5", "1", "call-next").body();
        assertEquals("A001", called.get("counter").get("serving").asText());
        assertEquals("counter_busy", backend.counter("l5", "1", "pause").code());
        assertEquals("counter_busy", backend.counter("l5", "1", "close").code());
        Reply done = backend.counter("l5", "1", "complete");
        assertEquals("completed", done.body().get("ticket").get("status").asText());
        assertTrue(done.body().get("counter").get("serving") == null || done.body().get("counter").get("serving").isNull());
        assertEquals("paused", backend.counter("l5", "1", "pause").body().get("counter").get("state").asText());
        assertEquals("closed", backend.counter("l5", "1", "close").body().get("counter").get("state").asText());
        assertEquals(404, backend.counter("l5", "9", "open").status());
        assertEquals(1, Events.ofType(backend, "l5", "ticket.completed").size());
    }

    @Test
    void callNextCompletesTheCurrentTicketAndServesPriorityFirst() {
        Reply normal = backend.issue("l6", "a");
        Reply prio = backend.staffPost(path("l6"), "{\"service\":\"b\",\"priority\":true}");
        assertEquals(201, prio.status());
        backend.counter("l6", "2", "open");
        JsonNode first = backend.counter("l6", "2", "call-next").body();
        assertEquals(prio.body().get("id"), first.get("ticket").get("id"), "priority first, across services");
        JsonNode second = backend.counter("l6", "2", "call-next").body();
        assertEquals(normal.body().get("id"), second.get("ticket").get("id"));
        JsonNode completed = Events.ofType(backend, "l6", "ticket.completed").get(0);
        assertEquals(prio.body().get("id").asText(), completed.get("ticket").get("id").asText());
        JsonNode issuedPrio = Events.ofType(backend, "l6", "ticket.issued").get(1);
        assertEquals("staff", issuedPrio.get("ticket").get("channel").asText());
        assertTrue(issuedPrio.get("ticket").get("priority").asBoolean());
        assertTrue(backend.counter("l6", "2", "call-next").body().get("ticket").isNull());
    }

    @Test
    void theSnapshotIsReadWithItsSeqAndEventsCarryNoSecrets() {
        Reply t = backend.issue("l7", "a");
        backend.issue("l7", "b");
        backend.counter("l7", "1", "open");
        backend.counter("l7", "1", "call-next");
        JsonNode snap = backend.get("/api/v1/branches/l7").body();
        assertEquals("l7", snap.get("id").asText());
        assertEquals(Events.all(backend, "l7").size(), snap.get("seq").asInt());
        assertEquals(Events.all(backend, "l7").get(0).get("epoch").asText(), snap.get("epoch").asText());
        assertEquals(0, snap.get("services").get(0).get("waiting").asInt());
        assertEquals(1, snap.get("services").get(1).get("waiting").asInt());
        assertEquals("A001", snap.get("counters").get(0).get("serving").asText());
        assertEquals("A001", snap.get("recentCalls").get(0).get("number").asText());
        assertTrue(snap.get("open").asBoolean());
        for (JsonNode e : Events.all(backend, "l7")) {
            String text = e.toString();
            assertTrue(!text.contains(t.body().get("token").asText()) && !text.contains("tokenHash"), text);
        }
    }
}
