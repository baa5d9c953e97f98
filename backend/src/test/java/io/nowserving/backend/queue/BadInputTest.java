package io.nowserving.backend.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.testing.RedisState;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {
    @TempDir
    static Path dir;
    static TestBackend backend;
    static String ticketId;

    @BeforeAll
    static void start() {
        backend = TestBackend.start(dir, TestBranches.branch("bad", 2, null));
        ticketId = backend.issue("bad", "a").body().get("id").asText();
        backend.counter("bad", "1", "open");
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static void refused(int status, String code, Reply r) {
        assertEquals(status, r.status(), () -> "answer: " + r.body());
        assertEquals(code, r.code());
        assertEquals("application/problem+json", r.header("Content-Type").split(";")[0]);
        assertTrue(r.body().has("type") && r.body().has("title") && r.body().has("detail"));
        assertEquals(status, r.body().get("status").asInt());
    }

    private static void unchanged(Runnable action) {
        Map<String, Object> before = RedisState.capture(backend, "bad");
        action.run();
        assertEquals(before, RedisState.capture(backend, "bad"), "the branch's keys changed");
    }

    @Test
    void malformedOrMistypedBodiesAreRefusedAndChangeNothing() {
        String tickets = "/api/v1/branches/bad/tickets";
        unchanged(() -> {
            refused(400, "invalid_request", backend.post(tickets, "{\"service\":"));
            refused(400, "invalid_request", backend.post(tickets, "[1,2]"));
            refused(400, "invalid_request", backend.post(tickets, ""));
            refused(400, "invalid_request", backend.post(tickets, "{}"));
            refused(400, "invalid_request", backend.post(tickets, "{\"service\":5}"));
            refused(400, "invalid_request", backend.post(tickets, "{\"service\":\"a\",\"priority\":\"yes\"}"));
            refused(400, "invalid_request", backend.post(tickets, "{\"service\":\"a\",\"colour\":\"red\"}"));
            refused(400, "invalid_request", backend.post(tickets, "{\"service\":\"A B\"}"));
            refused(400, "invalid_request", backend.post(tickets, "{\"service\":\"a\",\"language\":\"<script>\"}"));
            refused(400, "invalid_request", backend.post(tickets, "{\"service\":\"a\"} {}"));
            refused(400, "invalid_request", backend.post(tickets, "{\"service\":" + "[".repeat(500) + "]".repeat(500) + "}"));
            refused(413, "payload_too_large", backend.post(tickets, "{\"service\":\"" + "a".repeat(20_000) + "\"}"));
            refused(400, "invalid_request", backend.post(tickets, "{\"service\":\"a\"}", "Idempotency-Key", "k".repeat(256)));
        });
    }

    @Test
    void unknownOrMalformedIdsAreRefusedAndChangeNothing() {
        unchanged(() -> {
            refused(404, "not_found", backend.issue("nowhere", "a"));
            refused(404, "not_found", backend.issue("bad", "zzz"));
            refused(400, "invalid_request", backend.issue("BAD!", "a"));
            refused(404, "not_found", backend.get("/api/v1/branches/nowhere"));
            refused(400, "invalid_request", backend.get("/api/v1/branches/bad/tickets/not-a-ulid", "X-Ticket-Token", "x"));
            refused(404, "not_found", backend.get("/api/v1/branches/bad/tickets/" + ticketId, "X-Ticket-Token", "x"));
            refused(404, "not_found", backend.get("/api/v1/branches/bad/tickets/01ARZ3NDEKTSV4RRFFQ69G5FAV",
                    "X-Ticket-Token", "x"));
            refused(404, "not_found", backend.counter("bad", "7", "call-next"));
            refused(400, "invalid_request", backend.counter("bad", "x_y", "call-next"));
            refused(404, "not_found", backend.owner("POST", "/api/v1/branches/nowhere/counters/1/call-next", null));
            refused(404, "not_found", backend.get("/api/v1/no-such-route"));
        });
    }

    @Test
    void everyCounterWorkflowRouteRefusesBadInputAndChangesNothing() {
        String c = "/api/v1/branches/bad/counters/";
        unchanged(() -> {
            refused(404, "not_found", backend.staffPost(c + "1/call/01ARZ3NDEKTSV4RRFFQ69G5FAV", null));
            refused(400, "invalid_request", backend.staffPost(c + "1/call/nope", null));
            refused(404, "not_found", backend.staffPost(c + "9/call/" + ticketId, null));
            refused(409, "not_waiting", backend.staffPost(c + "1/recall", null));
            refused(409, "not_waiting", backend.staffPost(c + "1/no-show", null));
            refused(409, "reopen_expired", backend.staffPost(c + "1/reopen", null));
            refused(409, "counter_closed", backend.staffPost(c + "2/reopen", null));
            refused(400, "invalid_request", backend.staffPost(c + "1/transfer", "{}"));
            refused(400, "invalid_request", backend.staffPost(c + "1/transfer", "{\"service\":7}"));
            refused(400, "invalid_request", backend.staffPost(c + "1/transfer", "{\"service\":\"B!\"}"));
            refused(404, "not_found", backend.staffPost(c + "1/transfer", "{\"service\":\"zz\"}"));
            refused(409, "not_waiting", backend.staffPost(c + "1/transfer", "{\"service\":\"b\"}"));
            refused(404, "not_found", backend.staffPost(c + "8/sign-in", null));
            refused(400, "invalid_request", backend.staffGet("/api/v1/branches/bad/tickets?status=lost"));
            refused(400, "invalid_request", backend.staffGet("/api/v1/branches/bad/tickets?service=A%20B"));
            refused(404, "not_found", backend.post("/api/v1/branches/bad/tickets/" + ticketId + "/return", null,
                    "X-Ticket-Token", "forged"));
            refused(409, "not_waiting", backend.staffPost("/api/v1/branches/bad/tickets/" + ticketId + "/return", null));
            refused(400, "invalid_request", backend.staffPost("/api/v1/branches/bad/tickets/xyz/return", null));
        });
    }
}
