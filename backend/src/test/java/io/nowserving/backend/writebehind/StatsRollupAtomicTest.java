package io.nowserving.backend.writebehind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.sql.DatabaseException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statistics rollup is written in the write-behind's transaction: a batch that fails after the rollup rows were
 * written leaves neither its events nor its figures (no crash between the two can make them disagree); a
 * redelivered batch counts nothing twice; a changed outcome (a reopen) replaces the old one.
 */
class StatsRollupAtomicTest {
    private static final String ID = "01J00000000000000000000042";
    @TempDir
    Path dir;
    private HistoryFixture f;
    private Function<String, BusinessDays> days;
    private long t0;

    @BeforeEach
    void open() {
        f = new HistoryFixture(dir);
        days = b -> BusinessDays.of(f.branch);
        t0 = System.currentTimeMillis() / 1000 * 1000;
    }

    @AfterEach
    void close() {
        f.close();
    }

    private StreamEvent event(long seq, String type, long atSeconds, String extra) {
        String ticket = "\"ticket\":{\"id\":\"" + ID + "\",\"number\":\"A001\",\"service\":\"a\",\"language\":\"en\","
                + "\"channel\":\"web\",\"priority\":false,\"queuedAt\":" + t0 + "}";
        return StreamEvent.parse("h", seq + "-0", Map.of("e", "{\"v\":1,\"epoch\":\"ep1\",\"seq\":" + seq
                + ",\"type\":\"" + type + "\",\"at\":" + (t0 + atSeconds * 1000) + "," + ticket + extra + "}"));
    }

    private StreamEvent atCounter(long seq, String type, long atSeconds) {
        return event(seq, type, atSeconds, ",\"actor\":{\"kind\":\"clerk\",\"id\":\"u1\"},"
                + "\"counter\":{\"id\":\"1\",\"state\":\"open\"}");
    }

    private String branchRow() throws Exception {
        return f.text("SELECT events || ' issued=' || issued || ' served=' || served || ' calls=' || calls || ' waits='"
                + " || wait_hist || ' services=' || service_hist FROM stats_days WHERE branch_id = 'h'"
                + " AND kind = 'branch'");
    }

    @Test
    void aBatchThatFailsAfterItsRollupLeavesNeitherEventsNorFigures() throws Exception {
        assertTrue(f.repository.claimFence(1));
        StreamEvent issued = event(1, "ticket.issued", 0,
                ",\"estimateShown\":{\"minSeconds\":30,\"maxSeconds\":90,\"ahead\":1}");
        StreamEvent called = atCounter(2, "ticket.called", 60);
        // a counter id longer than counter_states allows: the last write of the transaction fails
        StreamEvent broken = StreamEvent.parse("h", "3-0", Map.of("e", "{\"v\":1,\"epoch\":\"ep1\",\"seq\":3,"
                + "\"type\":\"counter.changed\",\"at\":" + (t0 + 61_000) + ",\"counter\":{\"id\":\"" + "c".repeat(40)
                + "\",\"state\":\"open\"}}"));
        assertThrows(DatabaseException.class,
                () -> f.repository.write(1, List.of(issued, called, broken), List.of(), days));
        assertEquals(0, f.count("SELECT COUNT(*) FROM events"));
        assertEquals(0, f.count("SELECT COUNT(*) FROM stats_days"), "the rollup rolled back with the events");
        assertEquals(0, f.count("SELECT COUNT(*) FROM stats_slots"));
        assertEquals(0, f.count("SELECT COUNT(*) FROM stats_heads"));

        f.repository.write(1, List.of(issued, called), List.of(), days);
        assertEquals("2 issued=1 served=0 calls=1 waits=60:1 services=", branchRow());
        assertEquals(1, f.count("SELECT SUM(calls) FROM stats_slots WHERE branch_id = 'h'"));
        assertEquals(2, f.count("SELECT seq FROM stats_heads WHERE branch_id = 'h'"), "the newest event stored");
        f.repository.write(1, List.of(issued, called), List.of(), days);
        assertEquals("2 issued=1 served=0 calls=1 waits=60:1 services=", branchRow(), "a redelivery counts nothing");

        f.repository.write(1, List.of(atCounter(3, "ticket.completed", 360)), List.of(), days);
        assertEquals("3 issued=1 served=1 calls=1 waits=60:1 services=300:1", branchRow());
        f.repository.write(1, List.of(atCounter(4, "ticket.reopened", 400), atCounter(5, "ticket.completed", 500)),
                List.of(), days);
        assertEquals("5 issued=1 served=1 calls=1 waits=60:1 services=440:1", branchRow(),
                "the reopened ticket's outcome replaced, not added");
        assertEquals(1, f.count("SELECT estimates FROM stats_days WHERE kind = 'service' AND row_key = 'a'"));
        assertEquals(1, f.count("SELECT within_estimate FROM stats_days WHERE kind = 'service' AND row_key = 'a'"));
    }
}
