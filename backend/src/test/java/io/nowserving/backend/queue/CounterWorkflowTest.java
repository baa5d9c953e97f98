package io.nowserving.backend.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.ScriptRunner;
import io.nowserving.backend.testing.Events;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import io.nowserving.backend.testing.TestBranches;
import io.nowserving.backend.errors.Refusal;
import io.nowserving.backend.web.Caller;
import io.nowserving.backend.web.Idempotency;
import io.nowserving.shared.api.ErrorCode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CounterWorkflowTest {
    @TempDir
    static Path dir;
    static TestBackend backend;

    @BeforeAll
    static void start() {
        backend = TestBackend.start(dir, TestBranches.branch("w1", 2, 2), TestBranches.branch("w2", 2, null),
                TestBranches.branch("w3", 2, null), TestBranches.branch("w4", 2, null),
                TestBranches.branch("w5", 2, null), TestBranches.branch("w6", 2, null),
                TestBranches.branch("w7", 2, null), TestBranches.branch("w8", 2, null),
                TestBranches.branch("w9", 2, null), TestBranches.branch("w10", 2, null));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static String id(Reply r) {
        return r.body().get("id").asText();
    }

    private static Reply act(String b, String c, String action) {
        return backend.counter(b, c, action);
    }

    @Test
    void aTransferredTicketIsCalledOnceInItsNewServiceAheadOfLaterArrivals() {
        Reply a1 = backend.issue("w1", "a");
        Reply b1 = backend.issue("w1", "b");
        Reply b2 = backend.issue("w1", "b");
        act("w1", "1", "open");
        assertEquals(id(a1), act("w1", "1", "call-next").body().get("ticket").get("id").asText());
        Reply moved = backend.staffPost("/api/v1/branches/w1/counters/1/transfer", "{\"service\":\"b\"}");
        assertEquals(200, moved.status(), () -> moved.body().toString());
        assertEquals("waiting", moved.body().get("ticket").get("status").asText());
        assertEquals("b", moved.body().get("ticket").get("service").asText());
        assertEquals(0, moved.body().get("ticket").get("ahead").asInt(), "ahead of B001 and B002, who came later");
        assertTrue(moved.body().get("counter").get("serving").isNull());
        JsonNode transferred = Events.ofType(backend, "w1", "ticket.transferred").get(0);
        assertEquals("a", transferred.get("fromService").asText());
        assertEquals("b", transferred.get("ticket").get("service").asText());

        act("w1", "2", "open");
        assertEquals(id(a1), act("w1", "2", "call-next").body().get("ticket").get("id").asText());
        assertEquals(id(b1), act("w1", "2", "call-next").body().get("ticket").get("id").asText());
        assertEquals(id(b2), act("w1", "2", "call-next").body().get("ticket").get("id").asText());
        assertTrue(act("w1", "2", "call-next").body().get("ticket").isNull());
        long calls = Events.ofType(backend, "w1", "ticket.called").stream()
                .filter(e -> e.get("ticket").get("id").asText().equals(id(a1))).count();
        assertEquals(2, calls, "called once before and once after the transfer");
        // capacity of a is 2: the transfer out of a gave nothing back, the transfer into b charged nothing
        assertEquals(201, backend.issue("w1", "a").status());
        assertEquals("capacity_exhausted", backend.issue("w1", "a").code());
        assertEquals("A002", Events.ofType(backend, "w1", "ticket.issued").get(3).get("ticket").get("number").asText());
    }

    @Test
    void aReturnedNoShowTakesItsOldPlaceWithinTheGracePeriodOnly() {
        Reply a1 = backend.issue("w2", "a");
        Reply a2 = backend.issue("w2", "a");
        backend.issue("w2", "a");
        act("w2", "1", "open");
        act("w2", "1", "call-next");
        Reply gone = act("w2", "1", "no-show");
        assertEquals("no_show", gone.body().get("ticket").get("status").asText());
        String path = "/api/v1/branches/w2/tickets/" + id(a1);
        Reply back = backend.post(path + "/return", null, "X-Ticket-Token", a1.body().get("token").asText());
        assertEquals(200, back.status(), () -> back.body().toString());
        assertEquals("waiting", back.body().get("status").asText());
        assertEquals(0, back.body().get("ahead").asInt(), "back before A002 and A003");
        assertEquals(id(a1), act("w2", "1", "call-next").body().get("ticket").get("id").asText());
        assertEquals("not_waiting", backend.post(path + "/return", null, "X-Ticket-Token",
                a1.body().get("token").asText()).code(), "a called ticket cannot return");

        assertEquals(id(a2), act("w2", "1", "call-next").body().get("ticket").get("id").asText());
        act("w2", "1", "no-show");
        backend.moveClock("w2", 301_000);
        Reply late = backend.post("/api/v1/branches/w2/tickets/" + id(a2) + "/return", null, "X-Ticket-Token",
                a2.body().get("token").asText());
        assertEquals(409, late.status());
        assertEquals("grace_expired", late.code());
        assertEquals(404, backend.post("/api/v1/branches/w2/tickets/" + id(a2) + "/return", null,
                "X-Ticket-Token", "wrong").status());
    }

    @Test
    void reopenWorksForTwoMinutesOnAnIdleCounterOnly() {
        Reply a1 = backend.issue("w3", "a");
        backend.issue("w3", "a");
        act("w3", "1", "open");
        act("w3", "1", "call-next");
        act("w3", "1", "complete");
        Reply reopened = act("w3", "1", "reopen");
        assertEquals(200, reopened.status(), () -> reopened.body().toString());
        assertEquals(id(a1), reopened.body().get("ticket").get("id").asText());
        assertEquals("called", reopened.body().get("ticket").get("status").asText());
        assertEquals("counter_busy", act("w3", "1", "reopen").code(), "while serving");
        act("w3", "1", "complete");
        backend.moveClock("w3", 121_000);
        assertEquals("reopen_expired", act("w3", "1", "reopen").code(), "after two minutes");
        act("w3", "1", "call-next");
        act("w3", "1", "no-show");
        assertEquals(200, act("w3", "1", "reopen").status(), "a no-show can be reopened too");
        assertEquals(1 + 1, Events.ofType(backend, "w3", "ticket.reopened").size());
        assertEquals("counter_closed", act("w3", "2", "reopen").code());
        act("w3", "2", "open");
        assertEquals("reopen_expired", act("w3", "2", "reopen").code(), "nothing closed at counter 2");
    }

    @Test
    void aClerkMayCallASpecificWaitingTicketAndRecall() {
        backend.issue("w4", "a");
        Reply a2 = backend.issue("w4", "a");
        Reply a3 = backend.issue("w4", "a");
        act("w4", "1", "open");
        act("w4", "2", "open");
        Reply called = backend.staffPost("/api/v1/branches/w4/counters/1/call/" + id(a3), null);
        assertEquals(id(a3), called.body().get("ticket").get("id").asText());
        assertEquals("already_called", backend.staffPost("/api/v1/branches/w4/counters/2/call/" + id(a3), null).code());
        backend.send("DELETE", "/api/v1/branches/w4/tickets/" + id(a2), null, "X-Ticket-Token",
                a2.body().get("token").asText());
        assertEquals("not_waiting", backend.staffPost("/api/v1/branches/w4/counters/2/call/" + id(a2), null).code());
        JsonNode event = Events.ofType(backend, "w4", "ticket.called").get(0);
        assertEquals(backend.clerkId(), event.get("actor").get("id").asText(), "recorded with who did it");
        Reply recalled = act("w4", "1", "recall");
        assertEquals(id(a3), recalled.body().get("ticket").get("id").asText());
        assertEquals(1, Events.ofType(backend, "w4", "ticket.recalled").size());
        assertEquals("not_waiting", act("w4", "2", "recall").code(), "counter 2 serves nobody");

        JsonNode list = backend.staffGet("/api/v1/branches/w4/tickets").body();
        assertEquals(2, list.size(), "A001 waiting, A003 called");
        assertEquals("A001", list.get(0).get("number").asText());
        assertEquals(0, list.get(0).get("ahead").asInt());
        assertEquals("A003", list.get(1).get("number").asText());
        assertEquals("1", list.get(1).get("counter").asText());
        assertEquals(1, backend.staffGet("/api/v1/branches/w4/tickets?status=called").body().size());
        assertEquals(0, backend.staffGet("/api/v1/branches/w4/tickets?service=b").body().size());
        assertEquals("invalid_request", backend.staffGet("/api/v1/branches/w4/tickets?status=gone").code());
    }

    @Test
    void aCounterSignedInToOneClerkIsTakenForAnother() {
        QueueService direct = new QueueService(new QueueStore(new ScriptRunner(backend.redis()), backend.keys(),
                b -> false, TestBackend.JSON), new Ids(Clock.systemUTC()), TestBackend.JSON, "en");
        Caller ann = Caller.staff(Caller.Kind.CLERK, "ann", Set.of("w5"), false, "");
        Caller bob = Caller.staff(Caller.Kind.CLERK, "bob", Set.of("w5"), false, "");
        Idempotency none = new Idempotency("", "x");
        assertEquals("ann", direct.sign("w5", "1", true, ann, none).counter().clerk());
        Refusal taken = assertThrows(Refusal.class, () -> direct.setCounterState("w5", "1", "open", bob, none));
        assertEquals(ErrorCode.COUNTER_TAKEN, taken.code());
        assertEquals("open", direct.setCounterState("w5", "1", "open", ann, none).counter().state());
        backend.issue("w5", "a");
        direct.callNext("w5", "1", ann, none);
        assertEquals(ErrorCode.COUNTER_BUSY, assertThrows(Refusal.class,
                () -> direct.sign("w5", "1", false, ann, none)).code());
        direct.complete("w5", "1", ann, none);
        assertEquals(null, direct.sign("w5", "1", false, ann, none).counter().clerk());
        assertEquals("bob", direct.callNext("w5", "1", bob, none).counter().clerk(), "acting signs bob in");
        assertEquals(List.of("counter.changed"), Events.ofType(backend, "w5", "counter.changed").stream()
                .limit(1).map(e -> e.get("type").asText()).toList());
    }

    @Test
    void theBusinessDayEndResetsWaitingTicketsOnce() {
        backend.issue("w6", "a");
        backend.issue("w6", "b");
        act("w6", "1", "open");
        Reply serving = act("w6", "1", "call-next");
        backend.moveClock("w6", 86_400_000L);
        DayRollerProbe.roll(backend, "w6");
        assertEquals(1, Events.ofType(backend, "w6", "ticket.reset").size(), "the one still waiting");
        DayRollerProbe.roll(backend, "w6");
        assertEquals(1, Events.ofType(backend, "w6", "ticket.reset").size(), "idempotent");
        assertEquals(0, backend.staffGet("/api/v1/branches/w6/tickets?status=waiting").body().size());
        assertEquals("A001", backend.issue("w6", "a").body().get("number").asText(), "numbering restarts");
        assertEquals(serving.body().get("ticket").get("id").asText(),
                backend.staffGet("/api/v1/branches/w6/tickets?status=called").body().get(0).get("id").asText(),
                "the ticket being served is left to its clerk");
    }

    @Test
    void yesterdaysTicketsAreResetLazilyBeforeTheFirstCallOfTheDay() {
        backend.issue("w7", "a");
        act("w7", "1", "open");
        backend.moveClock("w7", 86_400_000L);
        assertTrue(act("w7", "1", "call-next").body().get("ticket").isNull(), "yesterday's ticket is not called");
        assertEquals(1, Events.ofType(backend, "w7", "ticket.reset").size());
    }

    @Test
    void aClerkWhoBecomesTheCountersClerkByActingIsAnnounced() {
        String path = "/api/v1/branches/w8/counters/1/";
        // an idle open counter nobody is signed in to: call-next with an empty line
        assertEquals(200, backend.owner("POST", path + "open", null).status());
        assertTrue(act("w8", "1", "call-next").body().get("ticket").isNull());
        assertLastCounterChangeNamesTheClerk("call-next on an open counter with an empty line");
        // /open on an open counter
        assertEquals(200, act("w8", "1", "sign-out").status());
        assertEquals(200, act("w8", "1", "open").status());
        assertLastCounterChangeNamesTheClerk("/open on an open counter");
        // /pause on a paused counter
        assertEquals(200, act("w8", "1", "pause").status());
        assertEquals(200, act("w8", "1", "sign-out").status());
        assertEquals(200, act("w8", "1", "pause").status());
        assertLastCounterChangeNamesTheClerk("/pause on a paused counter");
        // nothing changes: no event
        int before = Events.all(backend, "w8").size();
        assertEquals(200, act("w8", "1", "pause").status());
        assertEquals(before, Events.all(backend, "w8").size());
    }

    private static void assertLastCounterChangeNamesTheClerk(String after) {
        List<JsonNode> all = Events.all(backend, "w8");
        JsonNode last = all.get(all.size() - 1);
        assertEquals("counter.changed", last.get("type").asText(), after);
        assertEquals(backend.clerkId(), last.path("counter").path("clerk").asText(), after);
    }

    @Test
    void cancellingATransferredTicketFreesOnlyItsOwnCustomerKey() {
        String tickets = "/api/v1/branches/w9/tickets";
        Reply a = backend.post(tickets, "{\"service\":\"a\"}");
        String cookie = a.header("Set-Cookie").split(";")[0];
        Reply b = backend.post(tickets, "{\"service\":\"b\"}", "Cookie", cookie);
        assertEquals(201, b.status());
        act("w9", "1", "open");
        assertEquals(id(a), act("w9", "1", "call-next").body().get("ticket").get("id").asText());
        assertEquals(200, backend.staffPost("/api/v1/branches/w9/counters/1/transfer", "{\"service\":\"b\"}").status());
        assertEquals(204, backend.send("DELETE", tickets + "/" + id(a), null, "X-Ticket-Token",
                a.body().get("token").asText()).status());
        Reply again = backend.post(tickets, "{\"service\":\"b\"}", "Cookie", cookie);
        assertEquals(200, again.status(), "the customer still holds the B ticket: " + again.body());
        assertEquals(id(b), id(again));
        assertEquals(201, backend.post(tickets, "{\"service\":\"a\"}", "Cookie", cookie).status(),
                "the cancelled ticket's own key is free");
    }

    @Test
    void aTicketClosedAgainAtAnotherCounterIsNotReopenedHere() {
        Reply t = backend.issue("w10", "a");
        act("w10", "1", "open");
        act("w10", "2", "open");
        assertEquals(id(t), act("w10", "1", "call-next").body().get("ticket").get("id").asText());
        assertEquals(200, act("w10", "1", "no-show").status());
        assertEquals(200, backend.post("/api/v1/branches/w10/tickets/" + id(t) + "/return", null,
                "X-Ticket-Token", t.body().get("token").asText()).status());
        assertEquals(id(t), act("w10", "2", "call-next").body().get("ticket").get("id").asText());
        assertEquals(200, act("w10", "2", "complete").status());
        Reply reopen = act("w10", "1", "reopen");
        assertEquals(409, reopen.status(), () -> reopen.body().toString());
        assertEquals("reopen_expired", reopen.code());
        assertEquals(200, act("w10", "2", "reopen").status(), "the counter that closed it may");
    }
}
