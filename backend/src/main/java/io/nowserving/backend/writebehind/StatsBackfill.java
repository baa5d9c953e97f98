package io.nowserving.backend.writebehind;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Fills V7's statistics rollup from the history written before it, once: inside the first writer transaction
 * after the migration (under the fence, so one leader does it), every branch's ticket rows give the issues and
 * outcomes and its events, replayed in seq order, the waits, the wait start left on each ticket row and the
 * per-day event counts; then {@code stats_rollup_state.backfilled} is set. Costs one replay of the stored history
 * (about a minute for a busy year on H2), at the upgrade only.
 */
final class StatsBackfill {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FETCH = 2000;
    private static final int CHUNK = 20_000;

    private StatsBackfill() {
    }

    /** Fills the rollup now (in {@code c}'s transaction) unless it has been (one read by primary key). */
    static void runIfNeeded(Connection c, Function<String, BusinessDays> days) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT backfilled FROM stats_rollup_state WHERE id = 1")) {
            if (!rs.next() || rs.getBoolean(1)) {
                return;
            }
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM stats_days");
            s.executeUpdate("DELETE FROM stats_slots");
            s.executeUpdate("DELETE FROM stats_idle");
            s.executeUpdate("DELETE FROM stats_heads");
        }
        List<String> branches = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT DISTINCT branch_id FROM events ORDER BY branch_id")) {
            while (rs.next()) {
                branches.add(rs.getString(1));
            }
        }
        for (String b : branches) {
            BusinessDays bd = days.apply(b);
            branch(c, b, bd != null ? bd : BusinessDays.UTC);
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE stats_rollup_state SET backfilled = TRUE WHERE id = 1");
        }
    }

    private static void replay(StatsRollup rollup, Map<String, TicketRow> rows, BusinessDays bd, String branch,
                               ResultSet rs) throws SQLException {
        String payload = rs.getString(5);
        long atMs = rs.getObject(4, OffsetDateTime.class).toInstant().toEpochMilli();
        StreamEvent e;
        try {
            e = new StreamEvent(branch, null, rs.getString(1), rs.getLong(2), rs.getString(3), atMs, payload,
                    JSON.readTree(payload), null);
        } catch (IOException ex) {
            throw new UncheckedIOException("an event payload in SQL is not JSON", ex);
        }
        rollup.event(e, bd);
        TicketRow row = e.ticketId() == null ? null : rows.get(e.ticketId());
        if (row != null) {
            rollup.waits(row, e, bd);
        }
    }

    private static void branch(Connection c, String branch, BusinessDays bd) throws SQLException {
        StatsRollup rollup = new StatsRollup();
        Map<String, TicketRow> rows = new HashMap<>();
        for (TicketRow r : TicketTable.all(c, branch)) {
            rows.put(r.id, r);
            r.waitSince = null;
            r.waitFromIssue = false;
            rollup.ticket(branch, StatsRollup.Contribution.NONE, StatsRollup.Contribution.of(r), bd);
        }
        // in chunks by seq (seq continues across epochs), each read in order by events_branch_seq and stopped at
        // the limit: one ORDER BY over the whole history makes H2 materialize and sort it first
        long after = Long.MIN_VALUE;
        int read;
        do {
            read = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT epoch, seq, type, at, payload FROM events"
                    + " WHERE branch_id = ? AND seq > ? ORDER BY branch_id, seq LIMIT " + CHUNK)) {
                ps.setString(1, branch);
                ps.setLong(2, after);
                ps.setFetchSize(FETCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        read++;
                        after = rs.getLong(2);
                        replay(rollup, rows, bd, branch, rs);
                    }
                }
            }
        } while (read == CHUNK);
        rollup.save(c);
        try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET wait_since = ?, wait_from_issue = ?"
                + " WHERE branch_id = ? AND id = ?")) {
            int n = 0;
            for (TicketRow r : rows.values()) {
                if (r.waitSince != null) {
                    Jdbc.time(ps, 1, r.waitSince);
                    ps.setBoolean(2, r.waitFromIssue);
                    ps.setString(3, branch);
                    ps.setString(4, r.id);
                    ps.addBatch();
                    if (++n % FETCH == 0) {
                        ps.executeBatch();
                    }
                }
            }
            if (n % FETCH != 0) {
                ps.executeBatch();
            }
        }
    }
}
