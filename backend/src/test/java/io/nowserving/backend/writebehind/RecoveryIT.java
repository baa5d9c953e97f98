package io.nowserving.backend.writebehind;

import static io.nowserving.backend.writebehind.JarFixture.await;
import static io.nowserving.backend.writebehind.JarFixture.leads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.testing.BackendProcess;
import io.nowserving.backend.testing.TestBackend.Reply;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis lost under a running shop, recovered with the packaged jar's own command ({@code java -jar
 * nowserving-backend.jar recover main}) before the backend starts again ({@link JarFixture}: H2 in server mode or
 * the machine's PostgreSQL): lines, numbering, tokens and fencing continue from SQL.
 */
class RecoveryIT {
    private static final String TICKETS = "/api/v1/branches/main/tickets";
    private static final String COOKIE = "ns_device=" + "r".repeat(43);

    @TempDir
    Path dir;

    @Test
    void afterRedisIsWipedTheRecoverCommandRestoresLinesNumberingTokensAndFencing() throws Exception {
        try (JarFixture f = new JarFixture(dir)) {
            BackendProcess first = f.start("a");
            String staff = JarFixture.signIn(first);
            assertEquals(200, counter(first, staff, "open").status());
            issue(first, "a");
            issue(first, "a");
            Reply mine = first.send("POST", TICKETS, "{\"service\":\"a\"}", "Cookie", COOKIE);
            assertEquals(201, mine.status());
            String mineId = mine.body().get("id").asText();
            issue(first, "a");
            issue(first, "b");
            Reply again = first.send("POST", TICKETS, "{\"service\":\"a\"}", "Cookie", COOKIE);
            assertEquals(200, again.status(), "asking again: the same ticket, token rotated");
            String rotated = again.body().get("token").asText();
            counter(first, staff, "call-next");
            counter(first, staff, "call-next"); // A001 completed, A002 called; A003 (mine), A004, B001 wait
            JsonNode before = first.send("GET", "/api/v1/branches/main", null).body();
            long seq = Long.parseLong(f.redis().get(f.keys.seq("main")));
            await("SQL holds every event", () -> f.committedSeq("main") >= seq);
            await("SQL holds the rotated token", () -> Ids.sha256(rotated).equals(tokenHash(f, mineId)));
            long fenceSeen = f.fenceToken();
            first.stop(); // SIGTERM, as systemd stops it

            f.wipeRedis();
            BackendProcess.Outcome recovered = BackendProcess.run(f.env("a"), "recover", "main");
            assertEquals(0, recovered.exitCode(), recovered.output());
            assertTrue(recovered.output().contains("recover: branch main restored"), recovered.output());
            BackendProcess.Outcome refused = BackendProcess.run(f.env("a"), "recover", "main");
            assertEquals(1, refused.exitCode(), "live state is not overwritten without --force: " + refused.output());

            BackendProcess restarted = f.start("a");
            await("the restarted instance leads", () -> leads(restarted));
            assertTrue(f.leaseToken() > fenceSeen, "the wiped Redis handed out token " + f.leaseToken()
                    + " although SQL had seen " + fenceSeen);
            JsonNode after = restarted.send("GET", "/api/v1/branches/main", null).body();
            assertNotEquals(before.get("epoch").asText(), after.get("epoch").asText(), "a new epoch");
            assertTrue(after.get("seq").asLong() >= before.get("seq").asLong(), "seq continues");
            assertEquals(before.get("services"), after.get("services"), "the same lines and estimates");
            assertEquals("A002", after.at("/counters/0/serving").asText(), "counter 1 still serves A002");

            Reply phone = restarted.send("GET", TICKETS + "/" + mineId, null, "X-Ticket-Token", rotated);
            assertEquals(200, phone.status(), "the phone's ticket link still works");
            assertEquals("A003", phone.body().get("number").asText());
            assertEquals(0, phone.body().get("ahead").asInt(), "first in line");
            assertEquals(404, restarted.send("GET", TICKETS + "/" + mineId, null, "X-Ticket-Token",
                    mine.body().get("token").asText()).status(), "the token rotated away stays dead");
            assertEquals("A005", issue(restarted, "a"), "numbering continues the day");
            assertEquals("B002", issue(restarted, "b"));
            String staffAgain = JarFixture.signIn(restarted); // sessions lived in the wiped Redis
            assertEquals("A003", counter(restarted, staffAgain, "call-next").body().at("/ticket/number").asText(),
                    "the line order is kept");
            long last = Long.parseLong(f.redis().get(f.keys.seq("main")));
            await("the new epoch's events reach SQL", () -> f.committedSeq("main") >= last);
        }
    }

    private static String issue(BackendProcess p, String service) {
        Reply r = p.send("POST", TICKETS, "{\"service\":\"" + service + "\"}");
        assertEquals(201, r.status(), String.valueOf(r.body()));
        return r.body().get("number").asText();
    }

    private static Reply counter(BackendProcess p, String staff, String action) {
        return p.send("POST", "/api/v1/branches/main/counters/1/" + action, null, "Authorization", "Bearer " + staff);
    }

    private static String tokenHash(JarFixture f, String ticketId) {
        try (Connection c = f.db().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT token_hash FROM ticket_secrets WHERE ticket_id = ?")) {
            ps.setString(1, ticketId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
