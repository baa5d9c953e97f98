package io.nowserving.backend.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL database: a small connection pool, migrated by Flyway ({@code db/migration}) when opened.
 * PostgreSQL 15+ in production; an H2 file in the data directory when embedded, or a shared H2 TCP server,
 * always opened in PostgreSQL mode so that the same SQL runs on both.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    static final int MAX_POOL_SIZE = 8;

    private final HikariDataSource pool;
    private final boolean postgres;

    private Database(HikariDataSource pool, boolean postgres) {
        this.pool = pool;
        this.postgres = postgres;
    }

    /**
     * Connects, migrates and returns the database. An H2 URL gets the compatibility options it lacks
     * ({@link #withH2Options}); a PostgreSQL URL is used as given.
     *
     * @throws IllegalArgumentException for a URL of another database
     * @throws IllegalStateException naming the URL (password masked) when it cannot connect or migrate
     */
    public static Database open(String jdbcUrl, String user, String password) {
        if (!isH2(jdbcUrl) && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("The database URL must start with jdbc:postgresql: or jdbc:h2:, was "
                    + mask(jdbcUrl));
        }
        String url = isH2(jdbcUrl) ? withH2Options(jdbcUrl) : jdbcUrl;
        String shown = mask(url);
        HikariConfig config = new HikariConfig();
        config.setPoolName("nowserving-sql");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(MAX_POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        if (!isH2(jdbcUrl)) {
            // JDBC batches become multi-row INSERTs: the history writer's batches in a few round trips
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot connect to the database " + shown + " as user '" + user + "': "
                    + scrub(rootMessage(e), password), e);
        }
        try {
            boolean postgres = isPostgres(pool);
            MigrateResult result = Flyway.configure().dataSource(pool).locations("classpath:db/migration")
                    .load().migrate();
            LOG.info("Database {} ({}) at schema version {}, {} migration(s) applied now", shown,
                    postgres ? "PostgreSQL" : "H2", result.targetSchemaVersion == null
                            ? result.initialSchemaVersion : result.targetSchemaVersion, result.migrationsExecuted);
            return new Database(pool, postgres);
        } catch (RuntimeException | SQLException e) {
            pool.close();
            throw new IllegalStateException("Cannot migrate the database " + shown + ": "
                    + scrub(rootMessage(e), password), e);
        }
    }

    /** The embedded default: an H2 file {@code <dataDir>/db/nowserving.mv.db}, durable on every commit. */
    public static String embeddedH2Url(Path dataDir) {
        String file = dataDir.toAbsolutePath().resolve("db").resolve("nowserving").toString();
        if (file.contains(";")) {
            throw new IllegalArgumentException("The data directory must not contain ';': " + dataDir);
        }
        return withH2Options("jdbc:h2:file:" + file);
    }

    /**
     * Appends each of {@code MODE=PostgreSQL}, {@code DATABASE_TO_LOWER=TRUE}, {@code DEFAULT_NULL_ORDERING=HIGH}
     * the URL does not set, and {@code WRITE_DELAY=0} unless the database lives in memory: H2's default
     * write delay loses the last second of commits on a crash. Settings the URL has are kept as given.
     */
    static String withH2Options(String url) {
        StringBuilder result = new StringBuilder(url);
        String upper = url.toUpperCase(Locale.ROOT);
        appendIfMissing(result, upper, "MODE", "PostgreSQL");
        appendIfMissing(result, upper, "DATABASE_TO_LOWER", "TRUE");
        appendIfMissing(result, upper, "DEFAULT_NULL_ORDERING", "HIGH");
        if (!upper.startsWith("JDBC:H2:MEM:")) {
            appendIfMissing(result, upper, "WRITE_DELAY", "0");
        }
        return result.toString();
    }

    public DataSource dataSource() {
        return pool;
    }

    public boolean isPostgres() {
        return postgres;
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * The JDBC isolation level at which every read of one transaction sees the same snapshot, for reads that
     * span several tables. PostgreSQL's REPEATABLE READ is such a snapshot; H2's is not (it takes each table's
     * snapshot when the transaction first reads that table, so a commit in between shows half), while H2's
     * SERIALIZABLE takes them all at the transaction's first statement.
     */
    public static int snapshotIsolation(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")
                ? Connection.TRANSACTION_REPEATABLE_READ
                : Connection.TRANSACTION_SERIALIZABLE;
    }

    /** The URL fit for a log line or an error message: user-info and {@code password=} values masked. */
    static String mask(String url) {
        return url.replaceAll("//[^@/]*@", "//***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** A driver's message may quote the URL or a setting back: never let the password through. */
    private static String scrub(String message, String password) {
        String masked = mask(message);
        // a password of a few characters would mask half the message, and guarding it buys nothing
        return password == null || password.length() < 4 ? masked : masked.replace(password, "***");
    }

    private static boolean isH2(String url) {
        return url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:");
    }

    private static void appendIfMissing(StringBuilder url, String upperUrl, String key, String value) {
        if (!upperUrl.contains(";" + key + "=")) {
            url.append(';').append(key).append('=').append(value);
        }
    }

    private static boolean isPostgres(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return snapshotIsolation(c) == Connection.TRANSACTION_REPEATABLE_READ;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = String.valueOf(e.getMessage());
        return t == e || t.getMessage() == null || message.contains(t.getMessage())
                ? message : message + " (" + t.getMessage() + ")";
    }
}
