package io.nowserving.backend.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.ConfigRepository;
import io.nowserving.backend.config.CounterConfig;
import io.nowserving.backend.config.ServiceConfig;
import io.nowserving.backend.sql.Database;
import io.nowserving.backend.sql.TestDatabase;
import io.nowserving.backend.sql.TestDatabases;
import io.nowserving.backend.testing.BackendProcess;
import io.nowserving.backend.testing.SharedH2;
import io.nowserving.backend.testing.TestBranches;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV export streams: the packaged backend, limited to a 24 MiB heap, exports 150,000 tickets whose CSV (about
 * 90 MB: each row carries the service's and counter's Chinese names, 80 characters each) is nearly four times the
 * heap, and whose rows held as objects would be more than twice it. Runs on H2 in server mode, or on the
 * machine's PostgreSQL when the suite is pointed there.
 */
class HistoryExportIT {
    private static final String OWNER_PASSWORD = "export-owner-password";
    private static final int ROWS = Integer.getInteger("nowserving.export.rows", 150_000);
    private static final String SERVICE_NAME = "市民服務中心綜合櫃台".repeat(8);
    private static final String COUNTER_NAME = "第一號櫃台".repeat(16);
    private static final int HEAP_MIB = Integer.getInteger("nowserving.export.heap.mib", 24);

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
                BranchConfig b = TestBranches.branch("big", 1, null);
                new ConfigRepository(db.dataSource()).save(new BranchConfig(b.id(), b.name(), b.timeZone(),
                        b.businessDayStart(), b.openingHours(), b.closedDays(), false, 0,
                        List.of(new ServiceConfig("a", SERVICE_NAME, "A", null, 600, 300)),
                        List.of(new CounterConfig("1", COUNTER_NAME, List.of("a")))));
                long t0 = System.nanoTime();
                insertTickets(db, ROWS);
                System.out.printf("export: %,d tickets inserted in %d ms%n", ROWS,
                        (System.nanoTime() - t0) / 1_000_000);
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
                long[] bytes = {0};
                String first = null;
                String last = null;
                InputStream counted = new FilterInputStream(res.body()) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        bytes[0] += Math.max(n, 0);
                        return n;
                    }
                };
                try (BufferedReader in = new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines++;
                        first = lines == 2 ? line : first;
                        last = line;
                    }
                }
                System.out.printf("export: %,d rows, %,d bytes of CSV through a %d MiB heap in %d ms%n", lines - 1,
                        bytes[0], HEAP_MIB, (System.nanoTime() - started) / 1_000_000);
                assertEquals(ROWS + 1, lines, "a header and every row");
                assertTrue(first.startsWith("01KB0000000000000000000000,A001,a,completed,1,2026-01-05T09:00:00+08:00,")
                        && first.endsWith("," + SERVICE_NAME + "," + COUNTER_NAME), first);
                assertTrue(last.startsWith(String.format("01KB%022d,", ROWS - 1)), last);
                assertTrue(bytes[0] > 3L * HEAP_MIB * 1024 * 1024, "the CSV (" + bytes[0] + " bytes) is more than"
                        + " three times the heap");
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

    /** Rows made by the database itself (one statement), which takes seconds where a client's batches take minutes. */
    private static void insertTickets(Database db, int rows) throws Exception {
        String range = TestDatabases.usingPostgres() ? "generate_series(0, ?) AS r(x)" : "SYSTEM_RANGE(0, ?) AS r(x)";
        String issued = "(TIMESTAMP WITH TIME ZONE '2026-01-05 01:00:00+00' + r.x * INTERVAL '7' SECOND)";
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO tickets (branch_id, id, number,"
                        + " original_service, service, business_day, status, priority, language, channel, queue_score,"
                        + " issued_at, called_at, closed_at, counter_id, transfers, recalls, last_seq)"
                        + " SELECT 'big', '01KB' || LPAD(CAST(r.x AS VARCHAR), 22, '0'),"
                        + " 'A' || LPAD(CAST(MOD(r.x, 1000) + 1 AS VARCHAR), 3, '0'), 'a', 'a', CAST(" + issued
                        + " AS DATE), 'completed', FALSE, 'zh-TW', 'kiosk', r.x, " + issued + ", " + issued
                        + " + INTERVAL '4' MINUTE, " + issued + " + INTERVAL '9' MINUTE, '1', 0, 0, r.x + 1"
                        + " FROM " + range)) {
            ps.setInt(1, rows - 1);
            assertEquals(rows, ps.executeUpdate());
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
