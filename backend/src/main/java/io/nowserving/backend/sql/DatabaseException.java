package io.nowserving.backend.sql;

import java.sql.SQLException;

/** A SQL statement failed; the HTTP layer answers 503 {@code unavailable}. Carries the driver's exception. */
public final class DatabaseException extends RuntimeException {

    public DatabaseException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    /** The SQLSTATE of the first exception in the chain that has one, or {@code null}. */
    public String sqlState() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getSQLState() != null) {
                return e.getSQLState();
            }
        }
        return null;
    }
}
