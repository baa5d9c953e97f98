package io.nowserving.backend.analytics;

import io.nowserving.backend.sql.DatabaseException;
import io.nowserving.shared.api.HistoryItem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads the tickets table (written behind Redis by backend.history) for the history list and its CSV export,
 * in {@code (issued_at, id)} order, which the index {@code tickets_branch_issued} serves. Never reads
 * ticket_secrets.
 */
final class TicketHistoryRepository {
    /** Rows fetched from the database at a time while exporting: memory stays bounded whatever the range. */
    static final int FETCH = 500;

    private final DataSource dataSource;

    TicketHistoryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Consumes exported rows one at a time. */
    interface RowSink {
        void accept(HistoryItem item) throws java.io.IOException;
    }

    /** Up to {@code limit} rows after {@code after} (or from the start). */
    List<HistoryItem> page(String branch, HistoryFilter filter, Optional<HistoryCursor> after, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = select(c, branch, filter, after, limit)) {
            List<HistoryItem> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(item(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DatabaseException("read ticket history of " + branch, e);
        }
    }

    /** Every matching row, streamed from the database {@link #FETCH} rows at a time. */
    void export(String branch, HistoryFilter filter, RowSink sink) throws java.io.IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try (PreparedStatement ps = select(c, branch, filter, Optional.empty(), 0)) {
                ps.setFetchSize(FETCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(item(rs));
                    }
                }
            } finally {
                c.rollback(); // read only
            }
        } catch (SQLException e) {
            throw new DatabaseException("export ticket history of " + branch, e);
        }
    }

    /** The {@code at} (epoch ms) of the newest event SQL holds for the branch; empty when none. */
    Optional<Long> dataThrough(String branch) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT at FROM events WHERE branch_id = ? ORDER BY seq DESC LIMIT 1")) {
            ps.setString(1, branch);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(millis(rs, 1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseException("read the history's last event of " + branch, e);
        }
    }

    private static PreparedStatement select(Connection c, String branch, HistoryFilter filter,
                                            Optional<HistoryCursor> after, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, number, service, status, counter_id, issued_at, called_at,"
                + " closed_at FROM tickets WHERE branch_id = ? AND issued_at IS NOT NULL");
        List<Object> args = new ArrayList<>(List.of(branch));
        filter.days().ifPresent(d -> {
            sql.append(" AND issued_at >= ? AND issued_at < ?");
            args.add(utc(d.start()));
            args.add(utc(d.end()));
        });
        filter.status().ifPresent(s -> {
            sql.append(" AND status = ?");
            args.add(s);
        });
        filter.service().ifPresent(s -> {
            sql.append(" AND service = ?");
            args.add(s);
        });
        filter.counter().ifPresent(s -> {
            sql.append(" AND counter_id = ?");
            args.add(s);
        });
        after.ifPresent(a -> {
            sql.append(" AND (issued_at > ? OR (issued_at = ? AND id > ?))");
            OffsetDateTime at = utc(Instant.ofEpochMilli(a.issuedAtMs()));
            args.add(at);
            args.add(at);
            args.add(a.id());
        });
        sql.append(" ORDER BY issued_at, id");
        if (limit > 0) {
            sql.append(" LIMIT ").append(limit);
        }
        PreparedStatement ps = c.prepareStatement(sql.toString());
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
        return ps;
    }

    private static HistoryItem item(ResultSet rs) throws SQLException {
        return new HistoryItem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                millis(rs, 6), millis(rs, 7), millis(rs, 8));
    }

    private static Long millis(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant().toEpochMilli();
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
