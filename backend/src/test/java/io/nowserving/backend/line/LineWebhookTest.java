package io.nowserving.backend.line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.Events;
import io.nowserving.backend.testing.FakeLine;
import io.nowserving.backend.testing.SseReader;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The LINE webhook against MockWebServer standing in for the Messaging API; the log never names a LINE user. */
class LineWebhookTest {
    private static final String B = "ln1";
    private static final Duration WAIT = Duration.ofSeconds(10);
    @TempDir
    static Path dir;
    static FakeLine line;
    static TestBackend backend;
    static ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    static void start() {
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
        line = new FakeLine();
        backend = TestBackend.start(dir, line.settings(B), TestBranches.branch(B, 2, null));
    }

    /** No LINE user id, channel secret or access token ever reached the log. */
    @AfterAll
    static void stop() {
        backend.close();
        line.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        List<String> lines = log.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
        assertFalse(lines.isEmpty(), "the log was captured");
        for (String l : lines) {
            assertFalse(l.contains(FakeLine.SECRET) || l.contains(FakeLine.TOKEN), l);
            assertFalse(l.matches("(?s).*U0{20,}[0-9a-f]+.*"), "a LINE user id in the log: " + l);
        }
    }

    private static String user(int n) {
        return String.format("U%032x", n);
    }

    private static FakeLine.Call replyTo(String eventId) throws InterruptedException {
        Await.until(WAIT, "the reply to " + eventId, () -> line.replies().stream()
                .anyMatch(c -> c.body().path("replyToken").asText().equals("rt-" + eventId)));
        return line.replies().stream().filter(c -> c.body().path("replyToken").asText().equals("rt-" + eventId))
                .findFirst().orElseThrow();
    }

    /**
     * A signed "status" from a user without tickets, answered: the webhook handles each delivery before it
     * answers it, so everything delivered before this one is done (no event, no row, its one reply).
     */
    private static void sentinel(String eventId) throws Exception {
        assertEquals(200, FakeLine.deliver(backend, FakeLine.textEvent(eventId, user(0xfff), "status")).status());
        replyTo(eventId);
    }

    private static int rows(String sql) throws SQLException {
        try (var db = backend.database().open(); Connection c = db.dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aMissingOrWrongSignatureIsRefusedAndChangesNothing() throws Exception {
        int events = Events.all(backend, B).size();
        int calls = line.calls().size();
        String body = FakeLine.textEvent("sig-1", user(1), "取號 A");
        assertEquals(401, backend.post("/line/webhook", body).status(), "no signature");
        assertEquals(401, backend.post("/line/webhook", body, "X-Line-Signature",
                FakeLine.sign(body + " ")).status(), "the signature of another body");
        assertEquals(401, backend.post("/line/webhook", body, "X-Line-Signature", "not base64!").status());
        String tampered = body.replace("取號 A", "取號 B");
        assertEquals(401, backend.post("/line/webhook", tampered, "X-Line-Signature", FakeLine.sign(body)).status());
        sentinel("sig-sentinel");
        assertEquals(events, Events.all(backend, B).size(), "no event");
        assertEquals(calls + 1, line.calls().size(), "no reply but the sentinel's");
        assertEquals(0, rows("SELECT COUNT(*) FROM line_tickets WHERE line_user_id = '" + user(1) + "'"));
        // the same body, signed, is taken: the refusals did not mark the event as handled
        assertEquals(200, FakeLine.deliver(backend, body).status());
        assertTrue(replyTo("sig-1").text().contains("A00"));
    }

    @Test
    void takeStatusAndCancelInChineseEndToEnd() throws Exception {
        String u = user(2);
        assertEquals(200, FakeLine.deliver(backend, FakeLine.textEvent("zh-1", u, "取號 A")).status());
        FakeLine.Call taken = replyTo("zh-1");
        assertTrue(taken.text().contains("您的號碼是 A"), taken.text());
        assertTrue(taken.text().contains("https://queue.example/t/" + B + "/"), "a tracking link: " + taken.text());
        assertEquals("Bearer " + FakeLine.TOKEN, taken.header("Authorization"));
        JsonNode items = taken.body().path("messages").get(taken.body().path("messages").size() - 1)
                .path("quickReply").path("items");
        assertEquals(2, items.size(), "a quick reply per open service: " + items);
        assertEquals("取號 A", items.get(0).path("action").path("text").asText());

        JsonNode issued = lastOfType("ticket.issued");
        assertEquals("line", issued.path("ticket").path("channel").asText());
        assertEquals("line", issued.path("actor").path("kind").asText());
        assertFalse(issued.path("actor").has("id"), "no actor id for a LINE user");
        String id = issued.path("ticket").path("id").asText();
        String number = issued.path("ticket").path("number").asText();

        // the tracking link opens the ticket for its holder
        String link = taken.text().substring(taken.text().indexOf("https://queue.example"));
        String token = link.substring(link.indexOf('#') + 1).trim();
        assertEquals(200, backend.get("/api/v1/branches/" + B + "/tickets/" + id, "X-Ticket-Token", token).status());

        // asking again: the same ticket
        FakeLine.deliver(backend, FakeLine.textEvent("zh-2", u, "取號 A"));
        assertTrue(replyTo("zh-2").text().contains("您已持有號碼 " + number), replyTo("zh-2").text());

        FakeLine.deliver(backend, FakeLine.textEvent("zh-3", u, "查詢"));
        assertTrue(replyTo("zh-3").text().contains(number + "（General）：前面還有"), replyTo("zh-3").text());

        FakeLine.deliver(backend, FakeLine.textEvent("zh-4", u, "取消"));
        assertTrue(replyTo("zh-4").text().contains(number + " 已取消"), replyTo("zh-4").text());
        JsonNode cancelled = lastOfType("ticket.cancelled");
        assertEquals(id, cancelled.path("ticket").path("id").asText());
        assertEquals("line", cancelled.path("actor").path("kind").asText());

        FakeLine.deliver(backend, FakeLine.textEvent("zh-5", u, "查詢"));
        assertTrue(replyTo("zh-5").text().contains("您目前沒有號碼"), replyTo("zh-5").text());
        assertNoLineIdInRedis(u);
    }

    @Test
    void takeStatusAndCancelInEnglishEndToEnd() throws Exception {
        String u = user(3);
        FakeLine.deliver(backend, FakeLine.textEvent("en-1", u, "take b"));
        FakeLine.Call taken = replyTo("en-1");
        assertTrue(taken.text().startsWith("Your number is B"), taken.text());
        assertEquals("take A", taken.body().path("messages").get(taken.body().path("messages").size() - 1)
                .path("quickReply").path("items").get(0).path("action").path("text").asText());
        JsonNode issued = lastOfType("ticket.issued");
        assertEquals("en", issued.path("ticket").path("language").asText());
        String number = issued.path("ticket").path("number").asText();

        FakeLine.deliver(backend, FakeLine.textEvent("en-2", u, "status"));
        assertTrue(replyTo("en-2").text().contains(number + " (Accounts): "), replyTo("en-2").text());

        // called: no longer cancellable, and status says where to go
        assertEquals(200, backend.counter(B, "2", "open").status());
        assertEquals(200, backend.staffPost("/api/v1/branches/" + B + "/counters/2/call/"
                + issued.path("ticket").path("id").asText(), null).status());
        FakeLine.deliver(backend, FakeLine.textEvent("en-3", u, "status"));
        assertTrue(replyTo("en-3").text().contains(number + ": please go to Counter 2"), replyTo("en-3").text());
        FakeLine.deliver(backend, FakeLine.textEvent("en-4", u, "cancel"));
        assertTrue(replyTo("en-4").text().contains("can no longer be cancelled"), replyTo("en-4").text());

        FakeLine.deliver(backend, FakeLine.textEvent("en-5", u, "hello"));
        assertTrue(replyTo("en-5").text().contains("\"take A\""), replyTo("en-5").text());
        FakeLine.deliver(backend, FakeLine.textEvent("en-6", u, "take"));
        assertTrue(replyTo("en-6").text().contains("Which service?"), replyTo("en-6").text());
        assertNoLineIdInRedis(u);
    }

    @Test
    void aRedeliveredEventIsHandledOnce() throws Exception {
        String u = user(4);
        String body = FakeLine.textEvent("again-1", u, "take A");
        int issued = Events.ofType(backend, B, "ticket.issued").size();
        assertEquals(200, FakeLine.deliver(backend, body).status());
        assertEquals(200, FakeLine.deliver(backend, body.replace("\"isRedelivery\":false", "\"isRedelivery\":true"))
                .status());
        replyTo("again-1");
        sentinel("again-sentinel");
        assertEquals(1, line.replies().stream()
                .filter(c -> c.body().path("replyToken").asText().equals("rt-again-1")).count(), "one reply");
        assertEquals(issued + 1, Events.ofType(backend, B, "ticket.issued").size(), "one ticket");
        assertEquals(1, rows("SELECT COUNT(*) FROM line_tickets WHERE line_user_id = '" + u + "'"));
    }

    @Test
    void theFeedCarriesNoLineId() throws Exception {
        String u = user(5);
        try (SseReader admin = SseReader.open(backend.uri("/api/v1/branches/" + B + "/events"),
                "Authorization", "Bearer " + backend.ownerToken());
                SseReader anyone = SseReader.open(backend.uri("/api/v1/branches/" + B + "/events"))) {
            admin.nextEvent(WAIT);
            anyone.nextEvent(WAIT);
            FakeLine.deliver(backend, FakeLine.textEvent("feed-1", u, "take A"));
            SseReader.Frame whole = admin.await(f -> "ticket.issued".equals(f.event()), WAIT);
            SseReader.Frame open = anyone.await(f -> "ticket.issued".equals(f.event()), WAIT);
            assertTrue(whole.data().contains("\"line\""), "the admin's envelope says channel line: " + whole.data());
            assertFalse(whole.data().contains(u));
            assertFalse(open.data().contains(u));
            assertFalse(open.data().contains("\"channel\""), "the public projection has no channel");
        }
        assertNoLineIdInRedis(u);
    }

    @Test
    void withoutSecretAndTokenTheRouteIsOff(@TempDir Path other) {
        try (TestBackend off = TestBackend.startWithoutStaff(other, Map.of(), TestBranches.branch("ln9", 1, null))) {
            String body = FakeLine.textEvent("off-1", user(9), "take A");
            assertEquals(404, off.post("/line/webhook", body, "X-Line-Signature", FakeLine.sign(body)).status());
        }
    }

    private static JsonNode lastOfType(String type) {
        List<JsonNode> all = Events.ofType(backend, B, type);
        return all.get(all.size() - 1);
    }

    /** Neither the event stream (public and private fields) nor the token side stream holds the LINE user id. */
    private static void assertNoLineIdInRedis(String user) {
        for (String key : List.of(backend.keys().events(B), backend.keys().tokens(B), backend.keys().outbox())) {
            for (StreamMessage<String, String> m : backend.redis().xrange(key, Range.create("-", "+"))) {
                assertFalse(m.getBody().toString().contains(user), key + " holds the LINE id: " + m.getBody());
            }
        }
        assertTrue(backend.redis().keys("*" + user + "*").isEmpty(), "no key names the LINE user");
    }
}
