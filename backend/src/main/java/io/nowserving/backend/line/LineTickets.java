package io.nowserving.backend.line;

import io.nowserving.backend.sql.DatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@code line_tickets} (V5): which LINE user holds which ticket. Contact data: only the webhook and the notification
 * sender read it; it never goes into a log, an event or a feed, and the retention job erases it.
 */
public final class LineTickets {
    /** One ticket a LINE user holds: the service it was issued in (its token's), people ahead at issue. */
    public record Held(String ticketId, String service, String lineUserId, int issuedAhead) {
        @Override
        public String toString() {
            return "Held[" + ticketId + "]";
        }
    }

    private final DataSource db;

    public LineTickets(DataSource db) {
        this.db = db;
    }

    /** Records the holder; asking again for a ticket already held changes nothing. */
    public void record(String branch, Held held, long nowMs) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO line_tickets (branch_id, ticket_id, service_id, line_user_id, issued_ahead, created_ms)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, branch);
            ps.setString(2, held.ticketId());
            ps.setString(3, held.service());
            ps.setString(4, held.lineUserId());
            ps.setInt(5, held.issuedAhead());
            ps.setLong(6, nowMs);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw new DatabaseException("record a LINE ticket", e);
            }
        }
    }

    /** The user's tickets recorded since {@code sinceMs}, newest first. */
    public List<Held> ofUser(String branch, String lineUserId, long sinceMs) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT ticket_id, service_id, line_user_id, issued_ahead FROM line_tickets WHERE branch_id = ?"
                        + " AND line_user_id = ? AND created_ms >= ? ORDER BY created_ms DESC")) {
            ps.setString(1, branch);
            ps.setString(2, lineUserId);
            ps.setLong(3, sinceMs);
            return read(ps);
        } catch (SQLException e) {
            throw new DatabaseException("read a LINE user's tickets", e);
        }
    }

    /** The holders among these tickets of the branch, by ticket id. */
    public Map<String, Held> holders(String branch, Collection<String> ticketIds) {
        Map<String, Held> out = new HashMap<>();
        if (ticketIds.isEmpty()) {
            return out;
        }
        String marks = String.join(",", java.util.Collections.nCopies(ticketIds.size(), "?"));
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT ticket_id, service_id, line_user_id, issued_ahead FROM line_tickets WHERE branch_id = ?"
                        + " AND ticket_id IN (" + marks + ")")) {
            ps.setString(1, branch);
            int i = 2;
            for (String id : ticketIds) {
                ps.setString(i++, id);
            }
            for (Held h : read(ps)) {
                out.put(h.ticketId(), h);
            }
            return out;
        } catch (SQLException e) {
            throw new DatabaseException("read LINE ticket holders", e);
        }
    }

    public Optional<Held> holder(String branch, String ticketId) {
        return Optional.ofNullable(holders(branch, List.of(ticketId)).get(ticketId));
    }

    private static List<Held> read(PreparedStatement ps) throws SQLException {
        List<Held> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Held(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
            }
        }
        return out;
    }
}
