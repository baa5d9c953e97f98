package io.nowserving.backend.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.config.ConfigRepository;
import io.nowserving.backend.sql.Database;
import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import io.nowserving.backend.testing.TestBranches;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history list, its CSV export and the retention of private data, read from SQL behind the live queue. */
class TicketHistoryTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Waits until SQL holds {@code n} tickets of the branch (the write-behind is asynchronous). */
    private static void awaitTickets(TestBackend backend, String b, int n) throws InterruptedException {
        Await.until(WAIT, n + " tickets in SQL", () -> count(backend, "SELECT COUNT(*) FROM tickets WHERE branch_id = '"
                + b + "'") >= n);
    }

    private static long count(TestBackend backend, String sql) {
        try (Database db = backend.database().open(); Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void pagesNeverRepeatOrSkipARowWhileTicketsKeepComing(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("h1", 2, null))) {
            for (int i = 0; i < 45; i++) {
                assertEquals(201, backend.issue("h1", i % 3 == 0 ? "b" : "a").status());
            }
            awaitTickets(backend, "h1", 45);
            Set<String> before = new HashSet<>();
            backend.owner("GET", "/api/v1/branches/h1/history?limit=500", null).body().get("items")
                    .forEach(i -> before.add(i.get("id").asText()));
            assertEquals(45, before.size());

            ExecutorService pool = Executors.newSingleThreadExecutor();
            AtomicBoolean paging = new AtomicBoolean(true);
            Future<Integer> writer = pool.submit(() -> {
                int n = 0;
                while (paging.get()) {
                    assertEquals(201, backend.issue("h1", "a").status());
                    n++;
                }
                return n;
            });
            List<String> seen = new ArrayList<>();
            long lastAt = Long.MIN_VALUE;
            String lastId = "";
            String cursor = null;
            int pages = 0;
            try {
                do {
                    Reply page = backend.owner("GET", "/api/v1/branches/h1/history?limit=7"
                            + (cursor == null ? "" : "&cursor=" + cursor), null);
                    assertEquals(200, page.status(), () -> page.body().toString());
                    for (JsonNode item : page.body().get("items")) {
                        long at = item.get("issuedAt").asLong();
                        String id = item.get("id").asText();
                        assertTrue(at > lastAt || at == lastAt && id.compareTo(lastId) > 0,
                                "strictly after the row before: " + item);
                        lastAt = at;
                        lastId = id;
                        seen.add(id);
                    }
                    cursor = page.body().path("nextCursor").isNull() || page.body().path("nextCursor").isMissingNode()
                            ? null : page.body().get("nextCursor").asText();
                    pages++;
                    if (pages == 3) {
                        // mid-way, new tickets reach SQL (all of them after this page's rows)
                        Await.until(WAIT, "new tickets in SQL", () -> count(backend,
                                "SELECT COUNT(*) FROM tickets WHERE branch_id = 'h1'") > 50);
                    }
                } while (cursor != null && pages < 1000);
            } finally {
                paging.set(false);
            }
            int written = writer.get(60, TimeUnit.SECONDS);
            pool.shutdown();
            assertEquals(seen.size(), new LinkedHashSet<>(seen).size(), "no row twice");
            assertTrue(seen.containsAll(before), "every row that existed when paging began, once");
            assertTrue(written > 0 && pages > 45 / 7, "paged " + pages + " pages while " + written + " came in");
        }
    }

    @Test
    void filtersSelectExactlyTheirRowsAndTheLastPageHasNoCursor(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("h2", 2, null))) {
            for (int i = 0; i < 6; i++) {
                backend.issue("h2", i < 4 ? "a" : "b");
            }
            backend.counter("h2", "1", "open");
            backend.counter("h2", "1", "call-next");
            backend.counter("h2", "1", "complete");
            backend.counter("h2", "2", "open");
            backend.counter("h2", "2", "call-next");
            backend.counter("h2", "2", "no-show");
            Await.until(WAIT, "the no-show in SQL", () -> count(backend,
                    "SELECT COUNT(*) FROM tickets WHERE branch_id = 'h2' AND status = 'no_show'") == 1);
            String today = backend.get("/api/v1/branches/h2").body().get("serverTime").asText();
            LocalDate day = DayRange.businessDay(Instant.ofEpochMilli(Long.parseLong(today)), ZoneId.of("Asia/Taipei"),
                    java.time.LocalTime.of(4, 0));
            Map<String, Integer> expected = Map.of("", 6, "status=waiting", 4, "status=completed", 1,
                    "status=no_show", 1, "service=b", 2, "counter=1", 1, "counter=2", 1,
                    "from=" + day + "&to=" + day, 6, "from=" + day.minusDays(3) + "&to=" + day.minusDays(1), 0,
                    "service=a&status=waiting", 2);
            for (Map.Entry<String, Integer> e : expected.entrySet()) {
                Reply r = backend.owner("GET", "/api/v1/branches/h2/history?limit=500&" + e.getKey(), null);
                assertEquals(200, r.status(), () -> e.getKey() + " " + r.body());
                assertEquals(e.getValue(), r.body().get("items").size(), e.getKey());
                assertTrue(r.body().get("nextCursor").isNull(), "one page: no cursor");
                assertTrue(r.body().get("dataThrough").asLong() > 0);
            }
            Reply first = backend.owner("GET", "/api/v1/branches/h2/history?limit=5", null);
            assertEquals(5, first.body().get("items").size());
            Reply last = backend.owner("GET", "/api/v1/branches/h2/history?limit=5&cursor="
                    + first.body().get("nextCursor").asText(), null);
            assertEquals(1, last.body().get("items").size());
            assertTrue(last.body().get("nextCursor").isNull());
            JsonNode called = backend.owner("GET", "/api/v1/branches/h2/history?status=completed", null).body()
                    .get("items").get(0);
            assertEquals("A001", called.get("number").asText());
            assertEquals("1", called.get("counter").asText());
            assertTrue(called.get("closedAt").asLong() >= called.get("calledAt").asLong());
        }
    }

    @Test
    void theCsvHoldsEveryRowQuotedAndReadableInChinese(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("h3", 1, null))) {
            for (int i = 0; i < 12; i++) {
                backend.issue("h3", "a");
            }
            awaitTickets(backend, "h3", 12);
            Reply csv = backend.owner("GET", "/api/v1/branches/h3/history.csv", null);
            assertEquals(200, csv.status());
            assertTrue(csv.header("Content-Type").startsWith("text/csv"));
            assertTrue(csv.header("Content-Disposition").contains("attachment; filename=\"history-h3.csv\""));
            String body = csv.raw().body();
            assertTrue(body.startsWith("\uFEFFid,number,service,status,counter,issuedAt,calledAt,closedAt\r\n"), body);
            String[] lines = body.substring(1).split("\r\n");
            assertEquals(13, lines.length);
            assertTrue(lines[1].matches("[0-9A-Z]{26},A001,a,waiting,,\\d{4}-\\d\\d-\\d\\dT[0-9:.]+\\+08:00,,"),
                    lines[1]);
            assertEquals("", Csv.cell(null));
            assertEquals("'=HYPERLINK(\"x\")".replace("\"", "\"\""), Csv.cell("=HYPERLINK(\"x\")").substring(1,
                    Csv.cell("=HYPERLINK(\"x\")").length() - 1));
            assertEquals("'-1", Csv.cell("-1"));
            assertEquals("\"a,b\"", Csv.cell("a,b"));
            assertEquals("櫃台一", Csv.cell("櫃台一"));
            assertEquals("\"line\nbreak\"", Csv.cell("line\nbreak"));
            assertTrue(new String(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(body));
        }
    }

    @Test
    void badQueryParametersAnswer400NamingThem(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("h4", 1, null))) {
            String[][] cases = {
                {"limit=0", "limit"}, {"limit=abc", "limit"}, {"limit=501", "limit"}, {"limit=-3", "limit"},
                {"status=lost", "status"}, {"cursor=bm9wZQ", "cursor"}, {"cursor=%25%25", "cursor"},
                {"cursor=MTIzLm5vdC1hLXVsaWQ", "cursor"}, {"from=2026-05-02&to=2026-05-01", "to"},
                {"from=2026-13-01&to=2026-12-01", "from"}, {"from=2026-05-01", "to"}, {"to=2026-05-01", "from"},
                {"from=2024-01-01&to=2026-01-01", "days"}, {"service=A%20B", "service"}, {"counter=%2A", "counter"},
            };
            for (String path : List.of("history", "history.csv")) {
                for (String[] c : cases) {
                    if (path.endsWith(".csv") && (c[1].equals("limit") || c[1].equals("cursor"))) {
                        continue; // the export is the whole range: it has no pages
                    }
                    Reply r = backend.owner("GET", "/api/v1/branches/h4/" + path + "?" + c[0], null);
                    assertEquals(400, r.status(), () -> path + "?" + c[0] + " -> " + r.raw().body());
                    assertEquals("invalid_request", r.code());
                    assertTrue(r.body().get("detail").asText().contains(c[1]), () -> c[0] + ": " + r.body());
                }
            }
            assertEquals(404, backend.owner("GET", "/api/v1/branches/nowhere/history", null).status());
            assertEquals(400, backend.owner("GET", "/api/v1/branches/No_Where/history", null).status());
            assertEquals(403, backend.staffGet("/api/v1/branches/h4/history").status(), "clerks do not read history");
        }
    }

    @Test
    void retentionErasesPrivateDataPastThePeriodAndKeepsEveryCount(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("h5", 1, null))) {
            for (int i = 0; i < 5; i++) {
                backend.issue("h5", "a");
            }
            awaitTickets(backend, "h5", 5);
            Await.until(WAIT, "the secrets in SQL", () -> count(backend,
                    "SELECT COUNT(*) FROM ticket_secrets WHERE branch_id = 'h5'") == 5);
            try (Database db = backend.database().open()) {
                ConfigRepository configs = new ConfigRepository(db.dataSource());
                Clock later29 = Clock.offset(Clock.systemUTC(), Duration.ofDays(29));
                assertEquals(Map.of(), new Retention(db.dataSource(), configs::find, later29, 30).run());
                assertEquals(5, count(backend, "SELECT COUNT(*) FROM ticket_secrets WHERE branch_id = 'h5'"));
                Clock later31 = Clock.offset(Clock.systemUTC(), Duration.ofDays(31));
                assertEquals(Map.of("h5", 5), new Retention(db.dataSource(), configs::find, later31, 30).run());
                assertEquals(0, count(backend, "SELECT COUNT(*) FROM ticket_secrets WHERE branch_id = 'h5'"));
                assertEquals(Map.of(), new Retention(db.dataSource(), configs::find, later31, 30).run(),
                        "a second run finds nothing left");
            }
            assertEquals(5, count(backend, "SELECT COUNT(*) FROM tickets WHERE branch_id = 'h5'"), "counts stay");
            assertEquals(5, backend.owner("GET", "/api/v1/branches/h5/history", null).body().get("items").size());
            assertNull(null);
        }
    }
}
