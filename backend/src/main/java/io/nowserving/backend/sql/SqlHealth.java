package io.nowserving.backend.sql;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Readiness of SQL: a connection from the pool that answers. */
public final class SqlHealth {
    private final DataSource dataSource;

    public SqlHealth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Null when ready, else what is wrong (without the URL or credentials). */
    public String problem() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2) ? null : "the database does not answer";
        } catch (SQLException e) {
            return "unreachable (" + e.getSQLState() + ")";
        }
    }
}
