package io.nowserving.backend.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import io.nowserving.shared.api.BranchConfiguration;
import io.nowserving.shared.api.CounterSettings;
import io.nowserving.shared.api.Device;
import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.api.HistoryPage;
import io.nowserving.shared.api.IssueTicketRequest;
import io.nowserving.shared.api.LoginAnswer;
import io.nowserving.shared.api.PresenceToken;
import io.nowserving.shared.api.ServiceSettings;
import io.nowserving.shared.api.StaffUser;
import io.nowserving.shared.api.Ticket;
import io.nowserving.shared.api.UserChange;
import io.nowserving.shared.client.AdminCalls;
import io.nowserving.shared.client.NowServingClient;
import io.nowserving.shared.client.NowServingException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** What the four desktop apps call, through the Java client against the real backend, one call at a time. */
class JavaClientCoverageTest {
    private static final IssueTicketRequest A = new IssueTicketRequest("a", null, null, null);

    private static NowServingClient anonymous(TestBackend backend) {
        return NowServingClient.builder("http://127.0.0.1:" + backend.port()).build();
    }

    private static ErrorCode refusal(Executable call) {
        return assertThrows(NowServingException.class, call).code();
    }

    @Test
    void aTemporaryPasswordIsChangedThroughTheClientAndDevicesGetPresenceTokens(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("cp", 1, null));
                NowServingClient anonymous = anonymous(backend);
                NowServingClient owner = anonymous.withBearerToken(anonymous.login("admin",
                        TestBackend.OWNER_PASSWORD).token())) {
            StaffUser kim = owner.admin().createUser("kim",
                    new UserChange("kim-temporary-pw", "clerk", List.of("cp"), null, null));
            assertTrue(kim.mustChangePassword(), "an owner's password is temporary");
            LoginAnswer first = anonymous.login("kim", "kim-temporary-pw");
            assertTrue(first.mustChangePassword());
            try (NowServingClient temporary = anonymous.withBearerToken(first.token())) {
                assertEquals(ErrorCode.FORBIDDEN, refusal(() -> temporary.tickets("cp", null, null)),
                        "nothing before the password is changed");
                assertEquals(ErrorCode.INVALID_CREDENTIALS,
                        refusal(() -> temporary.changePassword("not-the-password", "kim-own-password")));
                LoginAnswer changed = temporary.changePassword("kim-temporary-pw", "kim-own-password");
                assertFalse(changed.mustChangePassword());
                assertEquals("clerk", changed.role());
                assertNotEquals(first.token(), changed.token());
                assertEquals(ErrorCode.UNAUTHORIZED, refusal(() -> temporary.tickets("cp", null, null)),
                        "changing the password ended the old session");
                try (NowServingClient clerk = anonymous.withBearerToken(changed.token())) {
                    assertEquals(List.of(), clerk.tickets("cp", null, null));
                }
            }
            assertEquals("clerk", anonymous.login("kim", "kim-own-password").role());

            Device display = owner.admin().createDevice("cp", "Wall", "display");
            try (NowServingClient wall = anonymous.withBearerToken(display.token())) {
                PresenceToken presence = wall.presence("cp");
                assertTrue(presence.token().length() >= 20, presence.token());
                assertTrue(presence.expiresAt() > System.currentTimeMillis());
                assertTrue(presence.url().endsWith("/b/cp#p=" + presence.token()), presence.url());
                assertEquals(ErrorCode.FORBIDDEN, refusal(() -> wall.tickets("cp", null, null)), "a display is no clerk");
            }
            assertEquals(ErrorCode.UNAUTHORIZED, refusal(() -> anonymous.presence("cp")));
        }
    }

    @Test
    void counterRefusalsCarryTheirCodes(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("cr", 2, null));
                NowServingClient anonymous = anonymous(backend);
                NowServingClient clerk = anonymous.withBearerToken(backend.clerkToken())) {
            backend.createUser("other", "other-password-1", "clerk", "cr");
            Ticket a1 = anonymous.issueTicket("cr", A);
            Ticket a2 = anonymous.issueTicket("cr", A);
            assertEquals("open", clerk.openCounter("cr", "1").counter().state());
            assertEquals(a1.id(), clerk.callNext("cr", "1").ticket().id());
            assertEquals(ErrorCode.COUNTER_BUSY, refusal(() -> clerk.pauseCounter("cr", "1")));
            assertEquals(ErrorCode.COUNTER_BUSY, refusal(() -> clerk.closeCounter("cr", "1")));
            try (NowServingClient other = anonymous.withBearerToken(anonymous.login("other", "other-password-1")
                    .token())) {
                assertEquals(ErrorCode.COUNTER_TAKEN, refusal(() -> other.signIn("cr", "1")));
                other.openCounter("cr", "2");
                assertEquals(ErrorCode.ALREADY_CALLED, refusal(() -> other.call("cr", "2", a1.id())));
            }
            assertEquals("no_show", clerk.noShow("cr", "1").ticket().status());
            backend.moveClock("cr", Duration.ofMinutes(10).toMillis());
            assertEquals(ErrorCode.REOPEN_EXPIRED, refusal(() -> clerk.reopen("cr", "1")));
            assertEquals(ErrorCode.GRACE_EXPIRED, refusal(() -> anonymous.returnTicket("cr", a1.id(), a1.token())));
            assertEquals(ErrorCode.NOT_WAITING, refusal(() -> clerk.call("cr", "1", a1.id())));
            assertEquals("paused", clerk.pauseCounter("cr", "1").counter().state());
            assertEquals("closed", clerk.closeCounter("cr", "1").counter().state());
            assertEquals(ErrorCode.COUNTER_CLOSED, refusal(() -> clerk.call("cr", "1", a2.id())));
            assertNull(clerk.signOut("cr", "1").counter().clerk());
            assertEquals(ErrorCode.FORBIDDEN, refusal(() -> clerk.admin().config("cr")), "clerks do not configure");
        }
    }

    @Test
    void anAdminPagesTheHistoryAndChangesTheConfiguration(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("ch", 1, null));
                NowServingClient owner = anonymous(backend).withBearerToken(backend.ownerToken())) {
            AdminCalls admin = owner.admin();
            for (int i = 0; i < 3; i++) {
                owner.issueTicket("ch", A);
            }
            Await.until(Duration.ofSeconds(30), "three tickets in the history",
                    () -> admin.history("ch", Map.of(), null, 10).items().size() == 3);
            HistoryPage first = admin.history("ch", Map.of(), null, 2);
            assertEquals(List.of("A001", "A002"), first.items().stream().map(i -> i.number()).toList());
            HistoryPage last = admin.history("ch", Map.of(), first.nextCursor(), 2);
            assertEquals(List.of("A003"), last.items().stream().map(i -> i.number()).toList());
            assertNull(last.nextCursor());
            assertTrue(last.dataThrough() != null);
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            admin.exportHistory("ch", Map.of(), csv);
            assertEquals(4, csv.toString(StandardCharsets.UTF_8).split("\r\n").length, "a header and three rows");

            admin.putService("ch", "z", new ServiceSettings("Parcels", "Z", null, 300, 60));
            admin.putCounter("ch", "z1", new CounterSettings("Parcels desk", List.of("z")));
            assertEquals(List.of("1"), admin.deleteCounter("ch", "z1").counters().stream().map(c -> c.id()).toList());
            BranchConfiguration without = admin.deleteService("ch", "z");
            assertEquals(List.of("a", "b"), without.services().stream().map(s -> s.id()).toList());
            assertEquals(without, admin.config("ch"));
            assertEquals(ErrorCode.NOT_FOUND, refusal(() -> admin.deleteService("ch", "z")));
            assertEquals(ErrorCode.INVALID_REQUEST, refusal(() -> admin.createDevice("ch", "Door", "printer")));
            assertEquals(ErrorCode.INVALID_REQUEST, refusal(() -> admin.createUser("kim",
                    new UserChange("short", "clerk", List.of("ch"), null, null))), "password policy");
        }
    }
}
