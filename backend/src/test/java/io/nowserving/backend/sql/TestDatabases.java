package io.nowserving.backend.sql;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * Chooses the SQL database of a test: an H2 file under the test's temporary directory by default, or, when the
 * system property {@code nowserving.test.database.url} is set (e.g. {@code jdbc:postgresql://127.0.0.1:5432/test}),
 * a fresh database {@code ns_test_<random>} created on that PostgreSQL server and dropped again by
 * {@link TestDatabase#close()}. User and password come from {@code nowserving.test.database.user} (default
 * {@code postgres}) and {@code nowserving.test.database.password} (default empty).
 *
 * <pre>{@code
 * try (TestDatabase test = TestDatabases.create(tempDir)) {
 *     Database db = test.open();
 *     ...
 * }
 * }</pre>
 */
public final class TestDatabases {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestDatabases() {
    }

    /** Whether the tests run against the machine's PostgreSQL rather than H2. */
    public static boolean usingPostgres() {
        return !serverUrl().isEmpty();
    }

    /** A new, empty database for one test (class); close it to close its pools and drop what it created. */
    public static TestDatabase create(Path tempDir) {
        if (!usingPostgres()) {
            return new TestDatabase(Database.embeddedH2Url(tempDir), "sa", "", () -> { });
        }
        String server = serverUrl();
        String name = "ns_test_" + HexFormat.of().formatHex(bytes());
        execute(server, "CREATE DATABASE " + name);
        return new TestDatabase(withDatabase(server, name), user(), password(),
                () -> execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    /** {@code jdbc:postgresql://host:port/db?x=y} with {@code db} replaced by {@code database}. */
    static String withDatabase(String url, String database) {
        int hostStart = url.indexOf("//") + 2;
        int pathStart = url.indexOf('/', hostStart);
        int query = url.indexOf('?', hostStart);
        String host = url.substring(0, pathStart >= 0 ? pathStart : query >= 0 ? query : url.length());
        String rest = query >= 0 ? url.substring(query) : "";
        return host + "/" + database + rest;
    }

    private static byte[] bytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, user(), password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database setup failed on " + Database.mask(url) + ": " + sql, e);
        }
    }

    private static String serverUrl() {
        return System.getProperty("nowserving.test.database.url", "").trim();
    }

    private static String user() {
        return System.getProperty("nowserving.test.database.user", "postgres");
    }

    private static String password() {
        return System.getProperty("nowserving.test.database.password", "");
    }
}
