package io.nowserving.backend.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * A branch's newest stored event (seq, time in epoch ms): the {@code dataThrough} of every analytics answer and the
 * seq cap of a replay. Read from {@code stats_heads} (V7, kept by the write-behind with the events, by primary key);
 * before the writer's first transaction after V7 has filled it, from {@code events} (which on H2 scans the branch).
 */
public record HistoryHead(long seq, long atMs) {

    /** The head in {@code c}'s transaction, or null when SQL holds no event of the branch. */
    public static HistoryHead read(Connection c, String branch) throws SQLException {
        HistoryHead h = one(c, "SELECT seq, at FROM stats_heads WHERE branch_id = ?", branch);
        return h != null ? h : one(c, "SELECT seq, at FROM events WHERE branch_id = ? ORDER BY seq DESC LIMIT 1",
                branch);
    }

    private static HistoryHead one(Connection c, String sql, String branch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, branch);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new HistoryHead(rs.getLong(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant().toEpochMilli()) : null;
            }
        }
    }
}
