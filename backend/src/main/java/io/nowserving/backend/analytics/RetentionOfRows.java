package io.nowserving.backend.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link RetentionTarget} that is one table keyed by {@code branch_id}: the rows of a branch that match
 * {@code erasable} are erased. {@link #writtenBefore} serves a table with a time column of its own; the ticket
 * secrets ({@link #ticketSecrets}) go by their ticket's business day.
 *
 * @param erasable SQL after {@code WHERE branch_id = ? AND}, with two parameters: the first business day kept
 *                 ({@link LocalDate}) and the instant it began (epoch ms), bound in that order where they appear
 *                 as {@code :day} and {@code :ms}
 */
record RetentionOfRows(String name, String table, String erasable) implements RetentionTarget {
    private static final Pattern PARAMETER = Pattern.compile(":(day|ms)\\b");

    /** Rows written (at {@code timeColumn}, epoch ms) before the period's first business day began. */
    static RetentionOfRows writtenBefore(String name, String table, String timeColumn) {
        return new RetentionOfRows(name, table, timeColumn + " < :ms");
    }

    /**
     * {@code ticket_secrets} of tickets whose business day is past the period. A row whose ticket has no business
     * day in SQL (its {@code ticket.issued} never reached SQL, only a token rotation did) goes by the time of that
     * rotation, {@code token_rot_ms}; a rotation comes after the issue, so it is never erased early.
     */
    static RetentionOfRows ticketSecrets() {
        String dated = "SELECT 1 FROM tickets t WHERE t.branch_id = ticket_secrets.branch_id"
                + " AND t.id = ticket_secrets.ticket_id";
        return new RetentionOfRows("ticket secrets", "ticket_secrets", "(EXISTS (" + dated
                + " AND t.business_day < :day) OR (token_rot_ms < :ms AND NOT EXISTS (" + dated
                + " AND t.business_day IS NOT NULL)))");
    }

    @Override
    public Set<String> branches(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT branch_id FROM " + table);
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
        StringBuilder sql = new StringBuilder("DELETE FROM " + table + " WHERE branch_id = ? AND ");
        List<Object> params = new ArrayList<>();
        params.add(branch);
        Matcher m = PARAMETER.matcher(erasable);
        while (m.find()) {
            m.appendReplacement(sql, "?");
            params.add(m.group(1).equals("day") ? keepFrom : keepFromInstant.toEpochMilli());
        }
        m.appendTail(sql);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            return ps.executeUpdate();
        }
    }
}
