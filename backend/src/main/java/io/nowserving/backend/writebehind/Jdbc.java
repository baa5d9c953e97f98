package io.nowserving.backend.writebehind;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;

/** Small JDBC conversions shared by the history SQL (both PostgreSQL and H2 take these forms). */
final class Jdbc {
    private static final String UNIQUE_VIOLATION = "23505";

    private Jdbc() {
    }

    static void time(PreparedStatement ps, int i, Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        }
    }

    static Instant time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static void day(PreparedStatement ps, int i, LocalDate day) throws SQLException {
        if (day == null) {
            ps.setNull(i, Types.DATE);
        } else {
            ps.setObject(i, day);
        }
    }

    static void integer(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    static void bigint(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static Long bigint(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /**
     * Binds ids as one SQL array, for {@code column = ANY(?)}: one statement text whatever the count, and PostgreSQL
     * probes the primary key per id (a 500-parameter IN list made it filter every row of the branch instead).
     */
    static void ids(PreparedStatement ps, int i, Collection<String> ids) throws SQLException {
        ps.setArray(i, ps.getConnection().createArrayOf("varchar", ids.toArray()));
    }

    /** Whether {@code e} (or an exception chained to it, as batches report) is a unique-key violation. */
    static boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            for (Throwable t = x; t != null; t = t.getCause()) {
                if (t instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }
}
