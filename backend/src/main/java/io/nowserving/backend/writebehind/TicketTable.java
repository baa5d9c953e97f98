package io.nowserving.backend.writebehind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes rows of {@code tickets} in batches. */
final class TicketTable {
    private static final String COLUMNS = "number, original_service, service, business_day, status, priority,"
            + " language, channel, queue_score, issued_at, first_called_at, called_at, closed_at, counter_id,"
            + " called_by, estimate_min_seconds, estimate_max_seconds, estimate_ahead, transfers, recalls, last_seq, wait_since, wait_from_issue";

    private TicketTable() {
    }

    /** The stored rows of these tickets of one branch, by id. */
    static Map<String, TicketRow> load(Connection c, String branch, Collection<String> ids) throws SQLException {
        Map<String, TicketRow> rows = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, " + COLUMNS
                + " FROM tickets WHERE branch_id = ? AND id = ANY(?)")) {
            ps.setString(1, branch);
            Jdbc.ids(ps, 2, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TicketRow r = read(rs, branch);
                    rows.put(r.id, r);
                }
            }
        }
        return rows;
    }

    /** Every ticket of the branch whose business day is {@code fromDay} or later. */
    static List<TicketRow> since(Connection c, String branch, java.time.LocalDate fromDay) throws SQLException {
        return select(c, branch, " AND business_day >= ?", fromDay);
    }

    /** Every ticket of the branch (also those whose issue has not arrived: no business day yet). */
    static List<TicketRow> all(Connection c, String branch) throws SQLException {
        return select(c, branch, "", null);
    }

    private static List<TicketRow> select(Connection c, String branch, String and, Object value)
            throws SQLException {
        List<TicketRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, " + COLUMNS
                + " FROM tickets WHERE branch_id = ?" + and + " ORDER BY id")) {
            ps.setString(1, branch);
            if (value != null) {
                ps.setObject(2, value);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs, branch));
                }
            }
        }
        return rows;
    }

    static TicketRow read(ResultSet rs, String branch) throws SQLException {
        TicketRow r = new TicketRow(branch, rs.getString("id"));
        r.number = rs.getString("number");
        r.originalService = rs.getString("original_service");
        r.service = rs.getString("service");
        r.businessDay = rs.getObject("business_day", java.time.LocalDate.class);
        r.status = rs.getString("status");
        r.priority = rs.getBoolean("priority");
        r.language = rs.getString("language");
        r.channel = rs.getString("channel");
        r.queueScore = Jdbc.bigint(rs, "queue_score");
        r.issuedAt = Jdbc.time(rs, "issued_at");
        r.firstCalledAt = Jdbc.time(rs, "first_called_at");
        r.calledAt = Jdbc.time(rs, "called_at");
        r.closedAt = Jdbc.time(rs, "closed_at");
        r.counter = rs.getString("counter_id");
        r.calledBy = rs.getString("called_by");
        r.estimateMin = Jdbc.integer(rs, "estimate_min_seconds");
        r.estimateMax = Jdbc.integer(rs, "estimate_max_seconds");
        r.estimateAhead = Jdbc.integer(rs, "estimate_ahead");
        r.transfers = rs.getInt("transfers");
        r.recalls = rs.getInt("recalls");
        r.lastSeq = rs.getLong("last_seq");
        r.waitSince = Jdbc.time(rs, "wait_since");
        r.waitFromIssue = rs.getBoolean("wait_from_issue");
        r.stored = true;
        return r;
    }

    /** Inserts the new rows and updates the stored ones, each as one JDBC batch. */
    static void save(Connection c, Collection<TicketRow> rows) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO tickets (" + COLUMNS
                + ", branch_id, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement update = c.prepareStatement("UPDATE tickets SET "
                        + COLUMNS.replace(",", " = ?,") + " = ? WHERE branch_id = ? AND id = ?")) {
            int inserts = 0;
            int updates = 0;
            for (TicketRow r : rows) {
                PreparedStatement ps = r.stored ? update : insert;
                bind(ps, r);
                ps.addBatch();
                if (r.stored) {
                    updates++;
                } else {
                    inserts++;
                }
            }
            if (inserts > 0) {
                insert.executeBatch();
            }
            if (updates > 0) {
                update.executeBatch();
            }
        }
    }

    private static void bind(PreparedStatement ps, TicketRow r) throws SQLException {
        ps.setString(1, r.number);
        ps.setString(2, r.originalService);
        ps.setString(3, r.service);
        Jdbc.day(ps, 4, r.businessDay);
        ps.setString(5, r.status);
        ps.setBoolean(6, r.priority);
        ps.setString(7, r.language);
        ps.setString(8, r.channel);
        Jdbc.bigint(ps, 9, r.queueScore);
        Jdbc.time(ps, 10, r.issuedAt);
        Jdbc.time(ps, 11, r.firstCalledAt);
        Jdbc.time(ps, 12, r.calledAt);
        Jdbc.time(ps, 13, r.closedAt);
        ps.setString(14, r.counter);
        ps.setString(15, r.calledBy);
        Jdbc.integer(ps, 16, r.estimateMin);
        Jdbc.integer(ps, 17, r.estimateMax);
        Jdbc.integer(ps, 18, r.estimateAhead);
        ps.setInt(19, r.transfers);
        ps.setInt(20, r.recalls);
        ps.setLong(21, r.lastSeq);
        Jdbc.time(ps, 22, r.waitSince);
        ps.setBoolean(23, r.waitFromIssue);
        ps.setString(24, r.branch);
        ps.setString(25, r.id);
    }
}
