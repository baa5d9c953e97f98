package io.nowserving.backend.writebehind;

import io.nowserving.backend.sql.DatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The durable history in SQL (tables of {@code V3__history.sql}). Every write is one transaction that first runs
 * the fence check of DESIGN.md invariant 4 and rolls back when a newer leader has written.
 */
public final class HistoryRepository {
    private static final String FENCE = "UPDATE writer_fence SET token = ? WHERE id = 1 AND token <= ?";

    private final DataSource dataSource;
    private final boolean postgres;
    private final long idleInTransactionMs;

    /**
     * @param idleInTransactionMs on PostgreSQL, how long a writer transaction may sit idle (a leader frozen
     *     mid-transaction) before the server aborts it and frees the fence row for the next leader
     */
    public HistoryRepository(DataSource dataSource, boolean postgres, long idleInTransactionMs) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.idleInTransactionMs = idleInTransactionMs;
    }

    /** What one write did: fenced (nothing written) or the events stored, duplicates met and alarms raised. */
    public record Outcome(boolean fenced, List<StreamEvent> inserted, int duplicates, List<BatchWrite.Alarm> alarms) {
        static final Outcome FENCED = new Outcome(true, List.of(), 0, List.of());
    }

    /** The highest fencing token that has written: the floor a new lease must exceed. */
    public long fenceToken() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT token FROM writer_fence WHERE id = 1")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new DatabaseException("Cannot read the writer fence", e);
        }
    }

    /** Records {@code token} as the newest writer's at once (a fence-only transaction); false when fenced. */
    public boolean claimFence(long token) {
        return write(token, List.of(), List.of(), b -> null).fenced() == false;
    }

    /**
     * Writes one batch under {@code token} in one transaction: fence check first, then {@link BatchWrite}.
     *
     * @param days each branch's business-day rule (for the tickets' business day)
     * @throws DatabaseException when SQL fails (nothing is written)
     */
    Outcome write(long token, List<StreamEvent> events, List<TokenRotation> rotations,
                  Function<String, BusinessDays> days) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (postgres) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SET LOCAL idle_in_transaction_session_timeout = " + idleInTransactionMs);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(FENCE)) {
                    ps.setLong(1, token);
                    ps.setLong(2, token);
                    if (ps.executeUpdate() == 0) {
                        c.rollback();
                        return Outcome.FENCED;
                    }
                }
                StatsBackfill.runIfNeeded(c, days);
                BatchWrite batch = new BatchWrite(c, days);
                batch.run(events, rotations);
                c.commit();
                return new Outcome(false, batch.inserted, batch.duplicates, batch.alarms);
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException("Cannot write " + events.size() + " event(s) of history", e);
        }
    }

    /** The highest seq SQL holds for the branch (seq continues across epochs), or 0 when it holds none. */
    public long highestCommittedSeq(String branch) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM events WHERE branch_id = ?")) {
            ps.setString(1, branch);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new DatabaseException("Cannot read the committed seq of branch " + branch, e);
        }
    }

    /** Alarms recorded for the branch: key {@code epoch.seq}, value the kind. */
    public Map<String, String> alarms(String branch) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT epoch, seq, kind FROM history_alarms WHERE branch_id = ? ORDER BY raised_at")) {
            ps.setString(1, branch);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + "." + rs.getLong(2), rs.getString(3));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DatabaseException("Cannot read the alarms of branch " + branch, e);
        }
    }

    DataSource dataSource() {
        return dataSource;
    }
}
