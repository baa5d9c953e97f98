package io.nowserving.backend.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.testing.MutableClock;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Web tickets at a branch without remote queueing need the QR's presence token; kiosks and staff need none. */
class PresenceTest {

    private static BranchConfig onSite(String id) {
        BranchConfig b = TestBranches.branch(id, 1, null);
        return new BranchConfig(b.id(), b.name(), b.timeZone(), b.businessDayStart(), b.openingHours(), b.closedDays(),
                false, b.version(), b.services(), b.counters());
    }

    private static Reply issue(TestBackend backend, String branch, String presence) {
        return backend.post("/api/v1/branches/" + branch + "/tickets",
                "{\"service\":\"a\",\"presence\":\"" + presence + "\"}");
    }

    @Test
    void presenceTokensAreRefusedWhenForgedExpiredOrFromAnotherBranch(@TempDir Path dir) {
        MutableClock clock = new MutableClock();
        try (TestBackend backend = TestBackend.start(dir, Map.of("NOWSERVING_PRESENCE_TTL_SECONDS", "120"), clock,
                onSite("p1"), onSite("p2"))) {
            String display = backend.createDevice("p1", "display");
            String displayOfP2 = backend.createDevice("p2", "display");
            assertEquals("presence_required", backend.issue("p1", "a").code(), "no token, no web ticket");

            Reply qr = backend.sendAs(display, "GET", "/api/v1/branches/p1/presence", null);
            assertEquals(200, qr.status());
            String token = qr.body().get("token").asText();
            assertTrue(qr.body().get("url").asText().endsWith("/b/p1#p=" + token), "the token rides in the fragment");
            assertEquals(201, issue(backend, "p1", token).status());

            String[] parts = token.split("\\.");
            String forgedSig = parts[0] + "." + parts[1] + "." + parts[2] + "." + "A".repeat(parts[3].length());
            assertEquals("presence_required", issue(backend, "p1", forgedSig).code(), "forged signature");
            String longer = parts[0] + "." + (Long.parseLong(parts[1]) + 60_000) + "." + parts[2] + "." + parts[3];
            assertEquals("presence_required", issue(backend, "p1", longer).code(), "expiry moved without the key");
            assertEquals("presence_required", issue(backend, "p2", token).code(), "another branch's token");
            String other = backend.sendAs(displayOfP2, "GET", "/api/v1/branches/p2/presence", null).body().get("token")
                    .asText();
            assertEquals("presence_required", issue(backend, "p1", other).code());
            assertEquals(201, issue(backend, "p2", other).status());
            assertEquals(403, backend.sendAs(displayOfP2, "GET", "/api/v1/branches/p1/presence", null).status(),
                    "a display gets tokens of its own branch only");

            clock.advance(Duration.ofSeconds(121));
            assertEquals("presence_required", issue(backend, "p1", token).code(), "expired");
        }
    }

    @Test
    void keysRotateAndTheLastOneStillVerifiesUntilItsTokensExpire(@TempDir Path dir) {
        MutableClock clock = new MutableClock();
        try (TestBackend backend = TestBackend.start(dir, Map.of(), TestBranches.branch("p3", 1, null))) {
            Presence presence = new Presence(backend.redis(), backend.keys(), new Ids(clock), clock,
                    Duration.ofSeconds(60));
            Presence.Token first = presence.sign("p3");
            clock.advance(Duration.ofSeconds(59));
            assertTrue(presence.verify("p3", first.token()));
            clock.advance(Duration.ofSeconds(1));
            Presence.Token second = presence.sign("p3"); // rotates
            assertFalse(first.token().split("\\.")[2].equals(second.token().split("\\.")[2]), "a new key");
            assertFalse(presence.verify("p3", first.token()), "expired with its lifetime");
            clock.advance(Duration.ofSeconds(30));
            Presence.Token third = presence.sign("p3");
            clock.advance(Duration.ofSeconds(30));
            presence.sign("p3"); // rotates again: second's key is now the previous one
            assertTrue(presence.verify("p3", third.token()), "signed with the previous key, not yet expired");
            assertFalse(presence.verify("p3", "p3.9999999999999.x.y"), "garbage");
        }
    }

    @Test
    void kioskTicketsNeedNoPresenceAndCarryTheKioskChannel(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, onSite("p4"))) {
            String kiosk = backend.createDevice("p4", "kiosk");
            Reply t = backend.sendAs(kiosk, "POST", "/api/v1/branches/p4/tickets", "{\"service\":\"a\"}");
            assertEquals(201, t.status(), () -> t.body().toString());
            assertEquals(403, backend.sendAs(kiosk, "POST", "/api/v1/branches/p4/tickets",
                    "{\"service\":\"a\",\"priority\":true}").status(), "kiosks may not issue priority tickets");
            assertEquals(201, backend.staffPost("/api/v1/branches/p4/tickets", "{\"service\":\"a\",\"priority\":true}")
                    .status(), "staff need no presence and may");
            var issued = io.nowserving.backend.testing.Events.ofType(backend, "p4", "ticket.issued");
            assertEquals("kiosk", issued.get(0).get("ticket").get("channel").asText());
            assertEquals("kiosk", issued.get(0).get("actor").get("kind").asText());
            assertEquals("staff", issued.get(1).get("ticket").get("channel").asText());
            assertEquals(backend.clerkId(), issued.get(1).get("actor").get("id").asText());
        }
    }
}
