package io.nowserving.backend.testing;

import io.nowserving.backend.sql.Database;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database of a test's own: an H2 file under the test's directory by default, or a fresh PostgreSQL database
 * (created and dropped here) when {@code nowserving.test.database.url} names a PostgreSQL server (CI).
 */
public final class TestSql implements AutoCloseable {
    private final String url;
    private final String user;
    private final String dropName;
    private final String adminUrl;

    private TestSql(String url, String user, String dropName, String adminUrl) {
        this.url = url;
        this.user = user;
        this.dropName = dropName;
        this.adminUrl = adminUrl;
    }

    public static TestSql create(Path dir) {
        String server = System.getProperty("nowserving.test.database.url", "");
        if (server.isBlank()) {
            return new TestSql(Database.embeddedH2Url(dir), null, null, null);
        }
        String user = System.getProperty("nowserving.test.database.user", "postgres");
        String name = "ns_t_" + Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
        try (Connection c = DriverManager.getConnection(server, user, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + server, e);
        }
        String dbUrl = server.replaceFirst("/[^/?]*(\\?.*)?$", "/" + name + "$1");
        return new TestSql(dbUrl, user, name, server);
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public boolean isPostgres() {
        return dropName != null;
    }

    public Database open() {
        return Database.open(url, user, null);
    }

    @Override
    public void close() {
        if (dropName == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(adminUrl, user, "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + dropName + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + dropName, e);
        }
    }
}
