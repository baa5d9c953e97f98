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
 * Erases {@code ticket_secrets} rows of tickets whose business day is past the period. A row whose ticket has no
 * business day in SQL (its {@code ticket.issued} never reached SQL, only a token rotation did) goes by the time
 * of that rotation, {@code token_rot_ms}; a rotation comes after the issue, so it is never erased early.
 */
final class RetentionOfTicketSecrets implements RetentionTarget {
    private static final String DATED_TICKET = "SELECT 1 FROM tickets t WHERE t.branch_id = ticket_secrets.branch_id"
            + " AND t.id = ticket_secrets.ticket_id";

    @Override
    public String name() {
        return "ticket secrets";
    }

    @Override
    public Set<String> branches(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT branch_id FROM ticket_secrets");
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
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM ticket_secrets WHERE branch_id = ? AND ("
                + "EXISTS (" + DATED_TICKET + " AND t.business_day < ?)"
                + " OR (token_rot_ms < ? AND NOT EXISTS (" + DATED_TICKET + " AND t.business_day IS NOT NULL)))")) {
            ps.setString(1, branch);
            ps.setObject(2, keepFrom);
            ps.setLong(3, keepFromInstant.toEpochMilli());
            return ps.executeUpdate();
        }
    }
}
