package io.nowserving.backend.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

/**
 * Erases {@code line_tickets} rows (V5: which LINE user holds which ticket) written before the period's first
 * business day began. The row is written when the ticket is issued, so its time is the ticket's issue time.
 */
final class RetentionOfLineTickets implements RetentionTarget {
    @Override
    public String name() {
        return "LINE ticket holders";
    }

    @Override
    public Set<String> branches(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT branch_id FROM line_tickets");
                ResultSet rs = ps.executeQuery()) {
            Set<String> out = new TreeSet<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    @Override
    public int erase(Connection c, String branch, LocalDate keepFrom, Instant keepFromInstant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM line_tickets WHERE branch_id = ? AND created_ms < ?")) {
            ps.setString(1, branch);
            ps.setLong(2, keepFromInstant.toEpochMilli());
            return ps.executeUpdate();
        }
    }
}
