package io.nowserving.backend.writebehind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.writebehind.HistoryFixture.HeldClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer, lease and fence of DESIGN.md invariant 4, stepped by hand with clocks the test holds. */
class HistoryWriterTest {
    @TempDir
    Path dir;
    private HistoryFixture f;

    @BeforeEach
    void open() {
        f = new HistoryFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static String hash(int i) {
        return String.format("%064x", i);
    }

    private void issue(long from, long to) {
        for (long s = from; s <= to; s++) {
            f.issued("ep1", s, String.format("01J000000000000000000000%02d", s), hash((int) s));
        }
    }

    private long events() throws Exception {
        return f.count("SELECT COUNT(*) FROM events WHERE branch_id = 'h'");
    }

    @Test
    void theLeaderWritesEveryEventOnceWithItsTicketAndHashesAndAcknowledgesAfterCommit() throws Exception {
        HistoryWriter a = f.writer("a", new HeldClock(), new WriteBehindStatus(3000, System::nanoTime));
        issue(1, 5);
        assertTrue(a.step(), "takes the lease");
        a.step();
        assertEquals(5, events());
        assertEquals(5, f.count("SELECT COUNT(*) FROM tickets WHERE branch_id = 'h' AND status = 'waiting'"));
        assertEquals(5, f.count("SELECT COUNT(*) FROM ticket_secrets WHERE branch_id = 'h'"));
        assertEquals(1_000_000_000_003L, f.count("SELECT queue_score FROM tickets WHERE number = 'A003'"));
        assertEquals(0, f.r().xpending(f.keys.events("h"), HistoryWriter.GROUP).getCount(), "acknowledged");
        assertEquals(5, f.repository.highestCommittedSeq("h"));
    }

    @Test
    void aLeaderPausedPastItsLeaseIsFencedAndTheNewLeaderWritesItsBatchExactlyOnce() throws Exception {
        HeldClock clockA = new HeldClock();
        WriteBehindStatus statusA = new WriteBehindStatus(3000, System::nanoTime);
        HistoryWriter a = f.writer("a", clockA, statusA);
        issue(1, 3);
        a.step();
        a.step();
        assertEquals(3, events());
        long tokenA = a.lease().token();

        // A is frozen: its clock stands still and it never renews; its lease expires in Redis
        f.r().del(f.keys.lease());
        HistoryWriter b = f.writer("b", new HeldClock(), new WriteBehindStatus(3000, System::nanoTime));
        assertTrue(b.step(), "B takes the expired lease");
        assertEquals(tokenA + 1, b.lease().token());
        assertEquals(tokenA + 1, f.repository.fenceToken(), "the new leader claims its token in SQL at once");
        b.step();

        issue(4, 6);
        assertTrue(a.lease().isHeld(), "A still believes it leads");
        a.step(); // A resumes: reads 4..6, its transaction is fenced out
        assertEquals(3, events(), "no write of the paused leader accepted");
        assertFalse(a.lease().isHeld(), "fenced: A stops writing at once");
        assertEquals(1L, statusA.counters().get("nowserving_history_fenced_total"));
        assertEquals(3, f.r().xpending(f.keys.events("h"), HistoryWriter.GROUP).getCount(), "A's batch pending");

        b.step(); // claims what A left pending first
        assertEquals(6, events());
        assertEquals(6, f.count("SELECT COUNT(DISTINCT seq) FROM events WHERE branch_id = 'h'"));
        assertEquals(0, f.r().xpending(f.keys.events("h"), HistoryWriter.GROUP).getCount());
        assertFalse(a.step(), "A cannot take the lease B holds");
    }

    @Test
    void aWipedRedisNeverHandsOutAFencingTokenSqlHasSeen() {
        HistoryWriter a = f.writer("a", new HeldClock(), new WriteBehindStatus(3000, System::nanoTime));
        issue(1, 1);
        a.step();
        a.step();
        long seen = f.repository.fenceToken();
        assertEquals(a.lease().token(), seen);

        f.wipeRedis();
        a.lease().renew();
        assertFalse(a.lease().isHeld(), "the wiped lease is lost at the next renewal");
        HistoryWriter b = f.writer("b", new HeldClock(), new WriteBehindStatus(3000, System::nanoTime));
        assertTrue(b.step());
        assertTrue(b.lease().token() > seen, "token " + b.lease().token() + " after SQL saw " + seen);
        assertEquals(b.lease().token(), f.repository.fenceToken());
    }

    @Test
    void renewalExtendsTheLeaseOnlyWhileOwnedAndAnExpiredLeaderStopsByItsOwnClock() {
        HeldClock clockA = new HeldClock();
        HistoryWriter a = f.writer("a", clockA, new WriteBehindStatus(3000, System::nanoTime));
        HistoryWriter b = f.writer("b", new HeldClock(), new WriteBehindStatus(3000, System::nanoTime));
        issue(1, 1);
        assertTrue(a.step());
        assertFalse(b.step(), "held by A");
        clockA.advanceMs(2000);
        a.lease().renew();
        clockA.advanceMs(2000);
        assertTrue(a.lease().isHeld(), "renewed at 2 s: valid for another TTL");
        clockA.advanceMs(3000);
        assertFalse(a.lease().isHeld(), "no renewal for a TTL: A stops by itself before anyone may take over");
        f.r().del(f.keys.lease());
        assertTrue(b.step());
        a.lease().renew();
        assertFalse(a.lease().isHeld(), "renewal of a lease another holder owns fails");
    }

    @Test
    void aSecondRowWithTheSameKeyAndAnotherPayloadIsAnAlarmRecordedOnce() throws Exception {
        WriteBehindStatus status = new WriteBehindStatus(3000, System::nanoTime);
        HistoryWriter a = f.writer("a", new HeldClock(), status);
        issue(1, 2);
        a.step();
        a.step();
        for (int round = 0; round < 2; round++) {
            // a Redis restored from an old backup without a new epoch: seq 2 of ep1 comes again, different
            f.wipeRedis();
            f.issued("ep1", 2, "01J00000000000000000000099", hash(99));
            f.issued("ep1", 3, "01J00000000000000000000003", hash(3));
            for (int i = 0; i < 4 && f.r().xlen(f.keys.events("h")) > 0
                    && f.repository.highestCommittedSeq("h") < 3; i++) {
                a.step();
            }
            a.step();
        }
        assertEquals(3, events());
        assertEquals(1, f.count("SELECT COUNT(*) FROM history_alarms WHERE branch_id = 'h'"));
        assertEquals(1L, status.counters().get("nowserving_history_alarms_total"), "counted (and logged) once");
        assertEquals("A002", f.text("SELECT number FROM tickets WHERE id = '01J00000000000000000000002'"), "the stored event stands");
    }

    @Test
    void aTicketRowStoredBeforeItsIssueArrivesIsCompletedNotDuplicated() throws Exception {
        String id = "01J00000000000000000000077";
        long at = System.currentTimeMillis();
        String ticket = "\"ticket\":{\"id\":\"" + id + "\",\"number\":\"A001\",\"service\":\"a\",\"language\":\"en\","
                + "\"channel\":\"web\",\"priority\":false,\"queuedAt\":" + at + "}";
        StreamEvent called = StreamEvent.parse("h", "2-0", Map.of("e", "{\"v\":1,\"epoch\":\"ep1\",\"seq\":2,"
                + "\"type\":\"ticket.called\",\"at\":" + (at + 1000) + ",\"actor\":{\"kind\":\"clerk\",\"id\":\"u1\"},"
                + ticket + ",\"counter\":{\"id\":\"1\",\"state\":\"open\"}}"));
        StreamEvent issued = StreamEvent.parse("h", "1-0", Map.of("e", "{\"v\":1,\"epoch\":\"ep1\",\"seq\":1,"
                + "\"type\":\"ticket.issued\",\"at\":" + at + ",\"actor\":{\"kind\":\"customer\"}," + ticket
                + ",\"estimateShown\":{\"minSeconds\":0,\"maxSeconds\":0,\"ahead\":0}}", "p",
                "{\"tokenHash\":\"" + hash(77) + "\"}"));
        assertTrue(f.repository.claimFence(1));
        Function<String, BusinessDays> days = b -> BusinessDays.of(f.branch);
        // the call is committed first (a fenced leader's batch with the issue is claimed late)
        assertFalse(f.repository.write(1, List.of(called), List.of(), days).fenced());
        // the issue comes in a batch of its own: inserted without a lookup, it meets the stored row and is
        // derived again with lookups, in the same transaction
        assertFalse(f.repository.write(1, List.of(issued), List.of(), days).fenced());
        assertEquals(2, events());
        assertEquals(1, f.count("SELECT COUNT(*) FROM tickets WHERE id = '" + id + "'"));
        assertEquals("called", f.text("SELECT status FROM tickets WHERE id = '" + id + "'"), "the later event's state");
        assertEquals(1_000_000_000_001L, f.count("SELECT queue_score FROM tickets WHERE id = '" + id + "'"),
                "the issue's fields filled in");
        assertEquals(hash(77), f.text("SELECT token_hash FROM ticket_secrets WHERE ticket_id = '" + id + "'"));
    }

    @Test
    void rotatedTokenHashesReachTheprivateTableNewestLast() throws Exception {
        HistoryWriter a = f.writer("a", new HeldClock(), new WriteBehindStatus(3000, System::nanoTime));
        String id = "01J00000000000000000000001";
        f.r().xadd(f.keys.tokens("h"), "t", id, "h", hash(100));
        f.r().xadd(f.keys.tokens("h"), "t", id, "h", hash(101));
        a.step();
        a.step();
        issue(1, 1); // the issue arrives after its rotations: the newest rotation still wins
        a.step();
        assertEquals(hash(101), f.text("SELECT token_hash FROM ticket_secrets WHERE ticket_id = '" + id + "'"));
        f.r().xadd(f.keys.tokens("h"), "t", id, "h", hash(102));
        a.step();
        assertEquals(hash(102), f.text("SELECT token_hash FROM ticket_secrets WHERE ticket_id = '" + id + "'"));
    }
}
