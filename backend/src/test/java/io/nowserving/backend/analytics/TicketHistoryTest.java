package io.nowserving.backend.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.CounterConfig;
import io.nowserving.backend.config.ServiceConfig;
import io.nowserving.backend.sql.Database;
import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import io.nowserving.backend.testing.TestBranches;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
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

/** The history list and its CSV export, read from SQL behind the live queue. */
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

    /**
     * While a writer issues tickets through the API, a reader pages through: strict {@code (issuedAt, id)} order,
     * no row twice, and every ticket that existed when paging began exactly once. Tickets written meanwhile come
     * at most once (when they sort after the cursor), which the no-duplicate check covers.
     */
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
    void theCsvHoldsEveryRowQuotedInUtf8WithChineseNamesAndNoFormulas(@TempDir Path dir) throws Exception {
        BranchConfig plain = TestBranches.branch("h3", 1, null);
        BranchConfig named = new BranchConfig("h3", "分行", plain.timeZone(), plain.businessDayStart(),
                plain.openingHours(), plain.closedDays(), true, 0,
                List.of(new ServiceConfig("a", "掛號, 初診", "A", null, 600, 300),
                        new ServiceConfig("b", "Accounts", "B", null, 600, 300)),
                List.of(new CounterConfig("1", "=櫃台一\"A\"", List.of("a", "b"))));
        try (TestBackend backend = TestBackend.start(dir, named)) {
            for (int i = 0; i < 12; i++) {
                backend.issue("h3", "a");
            }
            backend.counter("h3", "1", "open");
            backend.counter("h3", "1", "call-next");
            Await.until(WAIT, "the call in SQL", () -> count(backend,
                    "SELECT COUNT(*) FROM tickets WHERE branch_id = 'h3' AND status = 'called'") == 1);
            awaitTickets(backend, "h3", 12);
            HttpResponse<byte[]> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    backend.uri("/api/v1/branches/h3/history.csv"))
                    .header("Authorization", "Bearer " + backend.ownerToken()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, csv.statusCode());
            assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
            assertEquals("attachment; filename=\"history-h3.csv\"",
                    csv.headers().firstValue("Content-Disposition").orElseThrow());
            byte[] bytes = csv.body();
            assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bytes[0], bytes[1], bytes[2]),
                    "a UTF-8 byte-order mark");
            String body = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
            assertTrue(body.startsWith("id,number,service,status,counter,issuedAt,calledAt,closedAt,serviceName,"
                    + "counterName\r\n"), body);
            String[] lines = body.split("\r\n");
            assertEquals(13, lines.length);
            String t = "\\d{4}-\\d\\d-\\d\\dT[0-9:.]+\\+08:00";
            assertTrue(lines[1].matches("[0-9A-Z]{26},A001,a,called,1," + t + "," + t + ",,\"掛號, 初診\","
                    + "\"'=櫃台一\"\"A\"\"\""), lines[1]);
            assertTrue(lines[2].matches("[0-9A-Z]{26},A002,a,waiting,," + t + ",,,\"掛號, 初診\","), lines[2]);
            String chinese = "掛號";
            assertTrue(indexOf(bytes, chinese.getBytes(StandardCharsets.UTF_8)) > 0, "UTF-8 bytes of " + chinese);

            assertEquals("", TicketHistoryCsv.cell(null));
            for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx")) {
                assertEquals("'" + formula, TicketHistoryCsv.cell(formula), formula);
            }
            assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", TicketHistoryCsv.cell("=HYPERLINK(\"x\")"));
            assertEquals("\"a,b\"", TicketHistoryCsv.cell("a,b"));
            assertEquals("\"line\nbreak\"", TicketHistoryCsv.cell("line\nbreak"));
            assertEquals("A-1", TicketHistoryCsv.cell("A-1"));
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Rows the write-behind never makes (SQL keeps microseconds; events carry milliseconds) but a restore or an
     * import could: several in one microsecond, and ids that sort against their times within one millisecond. A
     * millisecond cursor would repeat or skip some of them.
     */
    @Test
    void pagesAreExactToTheMicrosecond(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("h6", 1, null))) {
            OffsetDateTime t = OffsetDateTime.of(2026, 3, 2, 2, 0, 0, 500_000_000, ZoneOffset.UTC);
            List<Object[]> rows = List.of(
                    new Object[] {"01KB0000000000000000000009", t},
                    new Object[] {"01KB0000000000000000000001", t.plusNanos(1_000)},
                    new Object[] {"01KB0000000000000000000002", t.plusNanos(1_000)},
                    new Object[] {"01KB0000000000000000000003", t.plusNanos(1_000)},
                    new Object[] {"01KB0000000000000000000000", t.plusNanos(2_000)},
                    new Object[] {"01KB0000000000000000000008", t.plusNanos(999_000)},
                    new Object[] {"01KB0000000000000000000007", t.plusNanos(1_000_000)});
            try (Database db = backend.database().open(); Connection c = db.dataSource().getConnection();
                    PreparedStatement ps = c.prepareStatement("INSERT INTO tickets (branch_id, id, number, service,"
                            + " business_day, status, priority, issued_at, transfers, recalls, last_seq)"
                            + " VALUES ('h6', ?, 'A001', 'a', '2026-03-01', 'completed', FALSE, ?, 0, 0, 1)")) {
                for (Object[] r : rows) {
                    ps.setString(1, (String) r[0]);
                    ps.setObject(2, r[1]);
                    ps.executeUpdate();
                }
            }
            List<String> expected = rows.stream().map(r -> (String) r[0]).toList();
            for (int limit : new int[] {1, 2, 3}) {
                List<String> seen = new ArrayList<>();
                String cursor = null;
                do {
                    Reply page = backend.owner("GET", "/api/v1/branches/h6/history?limit=" + limit
                            + (cursor == null ? "" : "&cursor=" + cursor), null);
                    assertEquals(200, page.status(), () -> page.body().toString());
                    page.body().get("items").forEach(i -> seen.add(i.get("id").asText()));
                    cursor = page.body().get("nextCursor").isNull() ? null : page.body().get("nextCursor").asText();
                } while (cursor != null && seen.size() < 100);
                assertEquals(expected, seen, "limit " + limit);
            }
            StringBuilder export = new StringBuilder();
            backend.owner("GET", "/api/v1/branches/h6/history.csv", null).raw().body().lines().skip(1)
                    .forEach(l -> export.append(l, 0, 26).append(' '));
            assertEquals(String.join(" ", expected) + " ", export.toString());
        }
    }

    private static String cursor(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void badQueryParametersAnswer400NamingThem(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("h4", 1, null))) {
            String[][] cases = {
                {"limit=0", "limit"}, {"limit=abc", "limit"}, {"limit=501", "limit"}, {"limit=-3", "limit"},
                {"status=lost", "status"}, {"cursor=bm9wZQ", "cursor"}, {"cursor=%25%25", "cursor"},
                {"cursor=MTIzLm5vdC1hLXVsaWQ", "cursor"},
                {"cursor=" + cursor("1767225600000.01KB0000000000000000000009"), "cursor"}, // the old format
                {"cursor=" + cursor("h1.12x.01KB0000000000000000000009"), "cursor"},
                {"cursor=" + cursor("h1.123.01kb0000000000000000000009"), "cursor"},
                {"from=2026-5-01&to=2026-05-02", "from"}, {"from=2026-05-01&to=tomorrow", "to"},
                {"status=WAITING", "status"}, {"service=", "service"}, {"from=2026-05-02&to=2026-05-01", "to"},
                {"from=2026-13-01&to=2026-12-01", "from"}, {"from=2026-05-01", "to"}, {"to=2026-05-01", "from"},
                {"from=2024-01-01&to=2026-01-01", "days"}, {"service=A%20B", "service"}, {"counter=%2A", "counter"},
                {"from=%2B999999999-12-31&to=%2B999999999-12-31", "from"},
                {"from=2026-01-01&to=%2B999999999-12-31", "to"}, {"from=-999999999-01-01&to=2026-01-01", "from"},
                {"from=9999-12-31&to=9999-12-31", "from"},
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
}
