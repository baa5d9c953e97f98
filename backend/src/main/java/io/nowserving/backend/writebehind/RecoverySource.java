package io.nowserving.backend.writebehind;

import io.nowserving.backend.sql.DatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What recovery reads from SQL, in one snapshot: the tickets of the recent business days with their private
 * hashes, the counters' last states and the highest committed seq.
 */
final class RecoverySource {
    /** Private hashes of one ticket. */
    record Hashes(String tokenHash, String customerKeyHash) {
    }

    /** A counter's last state and clerk. */
    record CounterState(String state, String clerk) {
    }

    record State(List<TicketRow> tickets, Map<String, Hashes> hashes, Map<String, CounterState> counters,
                 long highestSeq) {
    }

    private RecoverySource() {
    }

    static State load(DataSource dataSource, String branch, LocalDate fromDay) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(io.nowserving.backend.sql.Database.snapshotIsolation(c));
            try {
                List<TicketRow> tickets = TicketTable.since(c, branch, fromDay);
                Map<String, Hashes> hashes = new LinkedHashMap<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT s.ticket_id, s.token_hash,"
                        + " s.customer_key_hash FROM ticket_secrets s JOIN tickets t ON t.branch_id = s.branch_id"
                        + " AND t.id = s.ticket_id WHERE s.branch_id = ? AND t.business_day >= ?")) {
                    ps.setString(1, branch);
                    ps.setObject(2, fromDay);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            hashes.put(rs.getString(1), new Hashes(rs.getString(2), rs.getString(3)));
                        }
                    }
                }
                Map<String, CounterState> counters = new LinkedHashMap<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT counter_id, state, clerk FROM counter_states WHERE branch_id = ?")) {
                    ps.setString(1, branch);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            counters.put(rs.getString(1), new CounterState(rs.getString(2), rs.getString(3)));
                        }
                    }
                }
                long seq;
                try (PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM events WHERE branch_id = ?")) {
                    ps.setString(1, branch);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        seq = rs.getLong(1);
                    }
                }
                c.commit();
                return new State(tickets, hashes, counters, seq);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException("Cannot read the history of branch " + branch, e);
        }
    }
}
