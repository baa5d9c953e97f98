package io.nowserving.backend.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nowserving.backend.sql.Database;
import io.nowserving.backend.sql.TestDatabases;
import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.TestBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin app's reads over a busy branch's year ({@link BusyYear}: -Dbench.tickets, default 300,000, over ~300
 * business days), timed over HTTP against the real App: the routes the admin app calls, each -Dbench.runs times
 * (default 5) after a first call (timed apart), medians printed. The V7 timings start once the background job has
 * kept every complete day's idle time (timed).
 * With -Dbench.replay=true the same data is first read as before V7 (the rollup left unfilled: every report
 * replays the events; -Dbench.replayRuns, default 1, after the first); then the write-behind fills the rollup as after
 * an upgrade (timed) and the routes are timed again. Not part of the suite (no *Test suffix); run it as
 * BENCHMARKS.md "Admin reports over a busy year" says, on H2 by default or on PostgreSQL with
 * -Dnowserving.test.database.url.
 */
class AnalyticsYearBenchmark {
    @TempDir
    Path dir;

    @Test
    void adminReportsOverABusyYear() throws Exception {
        int tickets = Integer.getInteger("bench.tickets", 300_000);
        int runs = Integer.getInteger("bench.runs", 5);
        String db = TestDatabases.usingPostgres() ? "PostgreSQL" : "H2";
        try (TestBackend backend = TestBackend.start(dir, BusyYear.branch())) {
            BusyYear year = new BusyYear();
            long t0 = System.nanoTime();
            int events;
            try (var database = backend.database().open()) {
                events = year.write(database.dataSource(), tickets);
            }
            System.out.printf("%s: wrote %d tickets, %d events over %d business days in %.1f s%n", db, tickets,
                    events, year.days().size(), (System.nanoTime() - t0) / 1e9);
            String b = "/api/v1/branches/" + BusyYear.BRANCH;
            LocalDate busy = year.days().get(year.days().size() / 2);
            LocalDate monthStart = busy.withDayOfMonth(1);
            String deep = TicketHistoryCursor.of(OffsetDateTime.of(busy.atTime(12, 0), ZoneOffset.ofHours(8)),
                    "00000000000000000000000000").encode();
            Map<String, String> routes = new LinkedHashMap<>();
            routes.put("hourly, one day", b + "/stats/hourly?date=" + busy);
            routes.put("summary, one day", b + "/stats/summary?from=" + busy + "&to=" + busy);
            routes.put("summary, one month", b + "/stats/summary?from=" + monthStart + "&to="
                    + monthStart.plusMonths(1).minusDays(1));
            routes.put("summary, the year", b + "/stats/summary?from=" + BusyYear.FIRST + "&to=" + BusyYear.LAST);
            routes.put("heatmap, the year", b + "/stats/heatmap?from=" + BusyYear.FIRST + "&to=" + BusyYear.LAST);
            routes.put("history, first page", b + "/history?limit=100");
            routes.put("history, a page deep in", b + "/history?limit=100&cursor=" + deep);
            routes.put("CSV export, one month", b + "/history.csv?from=" + monthStart + "&to="
                    + monthStart.plusMonths(1).minusDays(1));
            HttpClient http = HttpClient.newHttpClient();
            if (Boolean.getBoolean("bench.replay")) {
                // the reports before V7: the rollup left unfilled, every report replays the events
                sql(backend, "UPDATE stats_rollup_state SET backfilled = FALSE");
                time(http, backend, db + ", " + tickets + " tickets, replaying the events (before V7)", routes,
                        Integer.getInteger("bench.replayRuns", 1));
            }
            // as after an upgrade: the writer's next transaction fills the rollup from the history
            long b0 = System.nanoTime();
            sql(backend, "UPDATE stats_rollup_state SET backfilled = FALSE");
            assertEquals(201, backend.issue(BusyYear.BRANCH, "a").status());
            Await.until(Duration.ofMinutes(30), "the rollup backfilled",
                    () -> "1".equals(sql(backend,
                            "SELECT CASE WHEN backfilled THEN 1 ELSE 0 END FROM stats_rollup_state")));
            System.out.printf("%s: the write-behind filled the rollup from the history in %.1f s%n", db,
                    (System.nanoTime() - b0) / 1e9);
            // then the background job (IdleFill: 20 s after start-up, then every minute) keeps the complete days' idle
            long i0 = System.nanoTime();
            Await.until(Duration.ofMinutes(30), "every complete day's idle time kept", () -> Integer.parseInt(sql(
                    backend, "SELECT COUNT(*) FROM stats_days d WHERE d.kind = 'branch' AND NOT EXISTS (SELECT 1"
                            + " FROM stats_idle i WHERE i.branch_id = d.branch_id AND i.business_day = d.business_day)"))
                    <= 1);
            System.out.printf("%s: the background job kept every complete day's idle time %.1f s after that%n", db,
                    (System.nanoTime() - i0) / 1e9);
            time(http, backend, db + ", " + tickets + " tickets, pre-aggregated (V7)", routes, runs);
        }
    }

    private static void time(HttpClient http, TestBackend backend, String title, Map<String, String> routes,
                             int runs) throws Exception {
        System.out.printf("%s: medians of %d runs after a first run (timed apart)%n", title, runs);
        for (Map.Entry<String, String> r : routes.entrySet()) {
            long f0 = System.nanoTime();
            get(http, backend, r.getValue());
            long first = (System.nanoTime() - f0) / 1_000_000;
            List<Long> ms = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < runs; i++) {
                long s = System.nanoTime();
                bytes = get(http, backend, r.getValue());
                ms.add((System.nanoTime() - s) / 1_000_000);
            }
            ms.sort(null);
            System.out.printf("  %-26s first %7d ms, median %7d ms (min %d, max %d; %d bytes)%n", r.getKey(), first,
                    ms.get(ms.size() / 2), ms.get(0), ms.get(ms.size() - 1), bytes);
        }
    }

    private static String sql(TestBackend backend, String statement) {
        try (Database db = backend.database().open(); Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            if (!s.execute(statement)) {
                return null;
            }
            try (ResultSet rs = s.getResultSet()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long get(HttpClient http, TestBackend backend, String path) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(backend.uri(path).toString()))
                .timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + backend.ownerToken()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), () -> path + ": " + new String(r.body()));
        return r.body().length;
    }
}
