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
            refused(404, "not_found", backend.counter("nowhere", "1", "call-next"));
            refused(404, "not_found", backend.get("/api/v1/no-such-route"));
        });
    }
}
