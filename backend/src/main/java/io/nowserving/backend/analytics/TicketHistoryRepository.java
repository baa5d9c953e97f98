package io.nowserving.backend.analytics;

import io.nowserving.backend.sql.DatabaseException;
import io.nowserving.shared.api.HistoryItem;
import java.io.IOException;
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
 * Reads the tickets table (written behind Redis by backend.writebehind) for the history list and its CSV export,
 * in {@code (issued_at, id)} order, which the index {@code tickets_branch_issued} serves. Never reads
 * ticket_secrets.
 */
final class TicketHistoryRepository {
    /**
     * Rows per query while exporting. The export is a run of keyset pages, each on a connection of its own that
     * goes back to the pool before the rows are written out: memory stays bounded on every database and driver,
     * and a slow download never holds one of the pool's few connections (the write-behind needs them).
     */
    static final int CHUNK = 1_000;

    private final DataSource dataSource;

    TicketHistoryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A row and its position, from which the next page starts. */
    record Row(HistoryItem item, TicketHistoryCursor position) {
    }

    /** Consumes exported rows one at a time. */
    interface RowSink {
        void accept(HistoryItem item) throws IOException;
    }

    /** Up to {@code limit} rows strictly after {@code after} (or from the start). */
    List<Row> page(String branch, TicketHistoryFilter filter, Optional<TicketHistoryCursor> after, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = select(c, branch, filter, after, limit)) {
            List<Row> out = new ArrayList<>(Math.min(limit, CHUNK));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime issued = rs.getObject(6, OffsetDateTime.class);
                    String id = rs.getString(1);
                    out.add(new Row(new HistoryItem(id, rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), millis(issued), millis(rs.getObject(7, OffsetDateTime.class)),
                            millis(rs.getObject(8, OffsetDateTime.class))), TicketHistoryCursor.of(issued, id)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DatabaseException("read ticket history of " + branch, e);
        }
    }

    /**
     * Every matching row, in order, {@link #CHUNK} at a time. Same guarantee as paging: each row that existed
     * when the export began is written exactly once; rows written meanwhile appear when they sort after the
     * rows already sent.
     */
    void export(String branch, TicketHistoryFilter filter, RowSink sink) throws IOException {
        Optional<TicketHistoryCursor> after = Optional.empty();
        List<Row> chunk;
        do {
            chunk = page(branch, filter, after, CHUNK);
            for (Row row : chunk) {
                sink.accept(row.item());
            }
            if (!chunk.isEmpty()) {
                after = Optional.of(chunk.get(chunk.size() - 1).position());
            }
        } while (chunk.size() == CHUNK);
    }

    /** The {@code at} (epoch ms) of the highest committed event SQL holds for the branch; empty when none. */
    Optional<Long> dataThrough(String branch) {
        try (Connection c = dataSource.getConnection()) {
            return Optional.ofNullable(HistoryHead.read(c, branch)).map(HistoryHead::atMs);
        } catch (SQLException e) {
            throw new DatabaseException("read the history's last event of " + branch, e);
        }
    }

    private static PreparedStatement select(Connection c, String branch, TicketHistoryFilter filter,
                                            Optional<TicketHistoryCursor> after, int limit) throws SQLException {
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
            // (issued_at, id) > (t, id), spelled so that both databases start the index range at t
            sql.append(" AND issued_at >= ? AND (issued_at > ? OR id > ?)");
            args.add(a.issuedAt());
            args.add(a.issuedAt());
            args.add(a.id());
        });
        // branch_id leads the ORDER BY (a constant here) so that H2 too reads tickets_branch_issued in order and
        // stops at the limit, instead of sorting every row after the cursor for each page
        sql.append(" ORDER BY branch_id, issued_at, id LIMIT ").append(limit);
        PreparedStatement ps = c.prepareStatement(sql.toString());
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
        return ps;
    }

    private static Long millis(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toEpochMilli();
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
