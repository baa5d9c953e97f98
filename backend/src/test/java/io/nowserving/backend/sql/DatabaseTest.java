package io.nowserving.backend.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path tempDir;
    private TestDatabase test;

    @BeforeEach
    void create() {
        test = TestDatabases.create(tempDir);
    }

    @AfterEach
    void drop() {
        test.close();
    }

    @Test
    void openMigratesToTheConfigurationAndStaffSchemaWithOneFenceRow() throws SQLException {
        Database db = test.open();
        for (String table : List.of("branches", "services", "counters", "counter_services", "users", "user_branches",
                "devices", "line_tickets", "stats_days", "stats_slots", "stats_idle", "stats_heads")) {
            assertEquals(List.of("0"), column(db.dataSource(), "SELECT COUNT(*) FROM " + table), table);
        }
        assertEquals(List.of("1 0"), column(db.dataSource(), "SELECT id || ' ' || token FROM writer_fence"));
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7"), column(db.dataSource(),
                "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL AND success ORDER BY installed_rank"));
    }

    @Test
    void reopeningDoesNotMigrateTwice() throws SQLException {
        Database first = test.open();
        List<String> migrations = column(first.dataSource(),
                "SELECT COUNT(*) FROM flyway_schema_history WHERE version IS NOT NULL");
        first.close();
        Database db = test.open();
        assertEquals(migrations, column(db.dataSource(),
                "SELECT COUNT(*) FROM flyway_schema_history WHERE version IS NOT NULL"));
        assertEquals(List.of("1"), column(db.dataSource(), "SELECT COUNT(*) FROM writer_fence"));
    }

    @Test
    void knowsWhetherItIsPostgres() throws SQLException {
        Database db = test.open();
        assertEquals(TestDatabases.usingPostgres(), db.isPostgres());
        try (Connection c = db.dataSource().getConnection()) {
            assertEquals(TestDatabases.usingPostgres() ? "PostgreSQL" : "H2", c.getMetaData().getDatabaseProductName());
        }
    }

    @Test
    void embeddedUrlIsAnH2FileInTheDataDirectoryInPostgresModeWithoutWriteDelay() {
        String url = Database.embeddedH2Url(tempDir.resolve("data"));
        assertEquals("jdbc:h2:file:" + tempDir.resolve("data").toAbsolutePath().resolve("db").resolve("nowserving")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0", url);
        Database.open(url, "sa", "").close();
        assertTrue(Files.isRegularFile(tempDir.resolve("data/db/nowserving.mv.db")));
    }

    @Test
    void h2UrlsGetOnlyTheOptionsTheyLack() {
        assertEquals("jdbc:h2:tcp://localhost:9092/ns;mode=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                        + ";DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0",
                Database.withH2Options("jdbc:h2:tcp://localhost:9092/ns;mode=PostgreSQL"));
        assertEquals("jdbc:h2:mem:x;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                Database.withH2Options("jdbc:h2:mem:x"));
        String complete = "jdbc:h2:file:/d/ns;WRITE_DELAY=0;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        assertEquals(complete, Database.withH2Options(complete));
    }

    @Test
    void opensAnH2TcpServerUrlAsGiven() throws SQLException {
        Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", tempDir.toString(), "-ifNotExists").start();
        try (Database db = Database.open("jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/shared", "sa", "")) {
            assertFalse(db.isPostgres());
            assertEquals(List.of("1 0"), column(db.dataSource(), "SELECT id || ' ' || token FROM writer_fence"));
        } finally {
            server.stop();
        }
        assertTrue(Files.isRegularFile(tempDir.resolve("shared.mv.db")));
    }

    @Test
    void aFailingConnectionNamesTheUrlButNeverThePassword() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Database.open(
                "jdbc:postgresql://127.0.0.1:1/nowhere?user=x&password=hunter2", "someone", "s3cret"));
        assertTrue(e.getMessage().contains("jdbc:postgresql://127.0.0.1:1/nowhere?user=x&password=***"),
                e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void onlyPostgresAndH2UrlsAreAccepted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Database.open("jdbc:mysql://me:pw@db/ns", "me", "pw"));
        assertEquals("The database URL must start with jdbc:postgresql: or jdbc:h2:, was jdbc:mysql://***@db/ns",
                e.getMessage());
    }

    @Test
    void masksUserInfoAndPasswordSettings() {
        assertEquals("jdbc:postgresql://***@db:5432/ns", Database.mask("jdbc:postgresql://me:pw@db:5432/ns"));
        assertEquals("jdbc:h2:tcp://h/ns;PASSWORD=***;MODE=PostgreSQL",
                Database.mask("jdbc:h2:tcp://h/ns;PASSWORD=pw;MODE=PostgreSQL"));
    }

    @Test
    void thePoolIsSmall() {
        Database db = test.open();
        assertEquals(8, ((HikariDataSource) db.dataSource()).getMaximumPoolSize());
    }

    static List<String> column(DataSource dataSource, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
