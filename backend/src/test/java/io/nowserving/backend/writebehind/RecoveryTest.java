package io.nowserving.backend.writebehind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.nowserving.backend.RecoverCommand;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import io.nowserving.backend.testing.TestBranches;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redis lost, the recover command rebuilds the branch from SQL: lines, numbering, counters, tokens, customers. */
class RecoveryTest {
    private static final String B = "r";
    private static final String DEVICE = "x".repeat(43);

    @TempDir
    Path dir;

    @Test
    void afterAWipeRecoveryRestoresLinesNumberingAndTokensSoPhonesKeepWorking() throws Exception {
        try (TestBackend t = TestBackend.start(dir, TestBranches.branch(B, 2, null))) {
            assertEquals(200, t.counter(B, "1", "open").status());
            List<JsonNode> issued = new ArrayList<>();
            issued.add(t.issue(B, "a").body());
            issued.add(t.issue(B, "a").body());
            Reply mine = t.post(tickets(), "{\"service\":\"a\"}", "Cookie", "ns_device=" + DEVICE);
            assertEquals(201, mine.status());
            issued.add(mine.body());
            issued.add(t.issue(B, "a").body());
            issued.add(t.issue(B, "b").body());
            Reply again = t.post(tickets(), "{\"service\":\"a\"}", "Cookie", "ns_device=" + DEVICE);
            assertEquals(200, again.status(), "asking again: the same ticket, token rotated");
            String rotated = again.body().get("token").asText();
            String mineId = mine.body().get("id").asText();
            t.counter(B, "1", "call-next");
            t.counter(B, "1", "call-next"); // first completed, second called
            JsonNode before = t.get("/api/v1/branches/" + B).body();
            awaitCommitted(t, rotated, mineId);

            wipe(t);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = RecoverCommand.run(t.app().settings(), List.of(B), new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));
            assertEquals(1, RecoverCommand.run(t.app().settings(), List.of(B), new PrintStream(new ByteArrayOutputStream())),
                    "a branch with live state is refused without --force");

            t.signInAgain(); // staff sessions lived in the wiped Redis
            JsonNode after = t.get("/api/v1/branches/" + B).body();
            assertNotEquals(before.get("epoch").asText(), after.get("epoch").asText(), "a new epoch");
            assertTrue(after.get("seq").asLong() >= before.get("seq").asLong(), "seq continues");
            assertEquals(waiting(before), waiting(after), "the lines hold the same people");
            assertEquals(before.at("/counters/0/serving").asText(), after.at("/counters/0/serving").asText());

            Reply phone = t.get(tickets() + "/" + mineId, "X-Ticket-Token", rotated);
            assertEquals(200, phone.status(), "the rotated token still opens the ticket");
            assertEquals(0, phone.body().get("ahead").asInt(), "first in line again");
            assertEquals(404, t.get(tickets() + "/" + mineId, "X-Ticket-Token", issued.get(2).get("token").asText())
                    .status(), "the token rotated away stays dead");
            Reply held = t.post(tickets(), "{\"service\":\"a\"}", "Cookie", "ns_device=" + DEVICE);
            assertEquals(200, held.status(), "the customer key is live again");
            assertEquals(mineId, held.body().get("id").asText());

            assertEquals("A005", t.issue(B, "a").body().get("number").asText(), "numbering continues the day");
            assertEquals("B002", t.issue(B, "b").body().get("number").asText());
            JsonNode call = t.counter(B, "1", "call-next").body();
            assertEquals(mine.body().get("number").asText(), call.at("/ticket/number").asText(), "line order kept");
        }
    }

    @Test
    void aForcedRecoveryNeverHandsOutANumberAgainWhenSqlLags() throws Exception {
        try (TestBackend t = TestBackend.start(dir, TestBranches.branch(B, 2, null))) {
            t.issue(B, "a");
            t.issue(B, "a");
            awaitCommitted(t);
            // numbers Redis handed out that SQL has not committed yet
            String numbering = t.redis().keys(t.keys().prefix() + "{" + B + "}:day:*:n:a").get(0);
            t.redis().set(numbering, "7");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(0, RecoverCommand.run(t.app().settings(), List.of(B, "--force"),
                    new PrintStream(out, true, StandardCharsets.UTF_8)), out.toString(StandardCharsets.UTF_8));
            assertEquals("A008", t.issue(B, "a").body().get("number").asText(), "after the highest handed out");
        }
    }

    private static void awaitCommitted(TestBackend t) throws InterruptedException {
        HistoryRepository history = t.app().history();
        long seq = Long.parseLong(t.redis().get(t.keys().seq(B)));
        await(() -> history.highestCommittedSeq(B) >= seq, "events committed");
    }

    private static String tickets() {
        return "/api/v1/branches/" + B + "/tickets";
    }

    private static String waiting(JsonNode snapshot) {
        StringBuilder b = new StringBuilder();
        snapshot.get("services").forEach(s -> b.append(s.get("id").asText()).append('=').append(s.get("waiting")).append(' '));
        return b.toString();
    }

    private static void awaitCommitted(TestBackend t, String rotated, String mineId) throws InterruptedException {
        HistoryRepository history = t.app().history();
        long seq = Long.parseLong(t.redis().get(t.keys().seq(B)));
        await(() -> history.highestCommittedSeq(B) >= seq, "events committed");
        await(() -> Ids.sha256(rotated).equals(secret(t, mineId)), "rotated token committed");
    }

    private static String secret(TestBackend t, String id) {
        try (var c = t.app().history().dataSource().getConnection();
                var ps = c.prepareStatement("SELECT token_hash FROM ticket_secrets WHERE ticket_id = ?")) {
            ps.setString(1, id);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        io.nowserving.backend.testing.Await.until(java.time.Duration.ofSeconds(30), what, condition);
    }

    private static void wipe(TestBackend t) {
        ScanArgs args = ScanArgs.Builder.matches(t.keys().prefix() + "*").limit(500);
        KeyScanCursor<String> cursor = t.redis().scan(args);
        List<String> keys = new ArrayList<>(cursor.getKeys());
        while (!cursor.isFinished()) {
            cursor = t.redis().scan(cursor, args);
            keys.addAll(cursor.getKeys());
        }
        t.redis().del(keys.toArray(String[]::new));
    }
}
