package io.nowserving.backend.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.config.ConfigRepository;
import io.nowserving.backend.sql.Database;
import io.nowserving.backend.sql.TestDatabase;
import io.nowserving.backend.sql.TestDatabases;
import io.nowserving.backend.testing.BackendProcess;
import io.nowserving.backend.testing.SharedH2;
import io.nowserving.backend.testing.TestBranches;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV export streams: a backend JVM limited to a 40 MiB heap exports a history of 400,000 tickets whose CSV
 * (50 MB) is bigger than the heap and whose text as Java strings would be 2.5 times the heap, row for row. Runs on H2 in server mode, or on the machine's
 * PostgreSQL when the suite is pointed there.
 */
class HistoryExportIT {
    private static final String OWNER_PASSWORD = "export-owner-password";
    private static final int ROWS = Integer.getInteger("nowserving.export.rows", 400_000);
    private static final int HEAP_MIB = 40;

    @Test
    void aHistoryLargerThanTheHeapIsExportedRowForRow(@TempDir Path dir) throws Exception {
        Map<String, String> env = new HashMap<>();
        SharedH2 h2 = null;
        TestDatabase pg = null;
        try {
            String url;
            String user;
            String password;
            if (TestDatabases.usingPostgres()) {
                pg = TestDatabases.create(dir);
                url = pg.url();
                user = pg.user();
                password = pg.password();
            } else {
                h2 = SharedH2.start(dir.resolve("h2"));
                url = h2.url("export");
                user = "sa";
                password = "";
            }
            try (Database db = Database.open(url, user, password)) {
                new ConfigRepository(db.dataSource()).save(TestBranches.branch("big", 1, null));
                insertTickets(db, ROWS);
            }
            env.put("DATABASE_URL", url);
            env.put("DATABASE_USER", user);
            env.put("DATABASE_PASSWORD", password);
            env.put("NOWSERVING_DATA_DIR", dir.resolve("data").toString());
            env.put("NOWSERVING_SEED_DEMO", "false");
            env.put("NOWSERVING_ADMIN_PASSWORD", OWNER_PASSWORD);
            env.put("NOWSERVING_PASSWORD_COST", "1");
            try (BackendProcess backend = BackendProcess.start(env, HEAP_MIB + "m")) {
                HttpClient http = HttpClient.newHttpClient();
                String token = login(http, backend.base());
                long started = System.nanoTime();
                HttpResponse<InputStream> res = http.send(HttpRequest.newBuilder(
                        backend.base().resolve("/api/v1/branches/big/history.csv"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(5)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertEquals(200, res.statusCode());
                long lines = 0;
                long bytes = 0;
                try (BufferedReader in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines++;
                        bytes += line.length() + 2;
                    }
                }
                System.out.printf("export: %,d rows, %,d bytes of CSV through a %d MiB heap in %d ms%n", lines - 1, bytes,
                        HEAP_MIB, (System.nanoTime() - started) / 1_000_000);
                assertEquals(ROWS + 1, lines, "a header and every row");
                assertTrue(bytes > HEAP_MIB * 1024L * 1024, "the CSV (" + bytes + " bytes; twice that as Java text) is"
                        + " bigger than the heap");
                assertEquals(200, http.send(HttpRequest.newBuilder(backend.base().resolve("/readyz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode(), "the backend is still serving");
            }
        } finally {
            if (h2 != null) {
                h2.close();
            }
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static void insertTickets(Database db, int rows) throws Exception {
        OffsetDateTime start = OffsetDateTime.of(2026, 1, 5, 1, 0, 0, 0, ZoneOffset.UTC);
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO tickets (branch_id, id, number, original_service,"
                        + " service, business_day, status, priority, language, channel, queue_score, issued_at,"
                        + " called_at, closed_at, counter_id, transfers, recalls, last_seq)"
                        + " VALUES ('big', ?, ?, 'a', 'a', ?, 'completed', FALSE, 'zh-TW', 'kiosk', ?, ?, ?, ?, '1',"
                        + " 0, 0, ?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < rows; i++) {
                OffsetDateTime issued = start.plusSeconds(i * 7L);
                ps.setString(1, String.format("01KB%022d", i));
                ps.setString(2, "A" + String.format("%03d", i % 1000 + 1));
                ps.setObject(3, LocalDate.from(issued));
                ps.setLong(4, i);
                ps.setObject(5, issued);
                ps.setObject(6, issued.plusMinutes(4));
                ps.setObject(7, issued.plusMinutes(9));
                ps.setLong(8, i + 1);
                ps.addBatch();
                if (i % 5_000 == 4_999) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        }
    }

    private static String login(HttpClient http, URI base) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + OWNER_PASSWORD
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        String body = r.body();
        int at = body.indexOf("\"token\":\"") + 9;
        return body.substring(at, body.indexOf('"', at));
    }
}
