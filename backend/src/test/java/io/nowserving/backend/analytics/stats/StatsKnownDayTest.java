package io.nowserving.backend.analytics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.CounterConfig;
import io.nowserving.backend.config.OpeningHours;
import io.nowserving.backend.config.ServiceConfig;
import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import io.nowserving.shared.api.Heatmap;
import io.nowserving.shared.api.HourlyStats;
import io.nowserving.shared.api.StatsSummary;
import io.nowserving.shared.client.NowServingClient;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scripted business day driven through the real API at exact (test clock) times, then read back from SQL. Every
 * expected number below was worked out by hand from the timeline in {@link #playTheDay}; none is computed by
 * production code. Business day D is a Monday in Asia/Taipei (day start 04:00); "D+1 03:50" is still D.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsKnownDayTest {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final String B = "k";

    private TestBackend backend;
    private BranchConfig branch;
    private LocalDate d;

    @BeforeAll
    void playTheDay(@TempDir Path dir) throws InterruptedException {
        List<ServiceConfig> services = List.of(
                new ServiceConfig("a", "General", "A", null, 600, 300),
                new ServiceConfig("b", "Accounts", "B", null, 300, 300));
        List<CounterConfig> counters = List.of(
                new CounterConfig("1", "Counter 1", List.of("a", "b")),
                new CounterConfig("2", "Counter 2", List.of("a")),
                new CounterConfig("3", "Counter 3", List.of("b")));
        branch = new BranchConfig(B, "Known day", TAIPEI, LocalTime.of(4, 0), OpeningHours.ALWAYS, List.of(), true,
                0, services, counters);
        backend = TestBackend.start(dir, branch);
        // a Monday after today, so that ticket keys (expiring two days after their business day) live
        d = LocalDate.now(TAIPEI).plusDays(1).with(TemporalAdjusters.next(DayOfWeek.MONDAY));

        at(0, "07:55"); ok(clerk("1", "open")); ok(owner("2", "open"));
        at(0, "08:00"); String a001 = issue("a", "A001", 0, 0);
        at(0, "08:02"); String a002 = issue("a", "A002", 48, 72);           // 1 ahead × 120 s ÷ 2 open, ±20 %
        at(0, "08:03"); String b001 = issue("b", "B001", 0, 0);
        at(0, "08:05"); called(clerk("1", "call-next"), "A001");           // waited 300 (a)
        at(0, "08:06"); called(owner("2", "call-next"), "A002");           // waited 240 (a)
        at(0, "08:10"); ok(clerk("1", "recall"));                          // a recall is not a call
        at(0, "08:12"); ok(clerk("1", "complete"));                        // A001 served 420
        at(0, "08:15"); ok(owner("2", "transfer", "{\"service\":\"b\"}")); // A002 waits again, in b
        at(0, "08:20"); called(clerk("1", "call-next"), "A002");           // its old place is before B001: waited 300 (b)
        at(0, "08:25"); ok(clerk("1", "complete"));                        // A002 served 300, in b at counter 1
        at(0, "08:30"); called(clerk("1", "call-next"), "B001");           // waited 1620 (b)
        at(0, "08:31"); ok(clerk("1", "no-show"));
        at(0, "08:33"); ok(backend.staffPost(path("/tickets/" + b001 + "/return"), null)); // back within grace
        at(0, "08:40"); called(clerk("1", "call-next"), "B001");           // waited 420 (b)
        at(0, "08:50"); ok(clerk("1", "complete"));                        // B001 served 600
        at(0, "09:00"); issue("a", "A003", 0, 0);
        at(0, "09:01"); Reply a004 = backend.issue(B, "a");
        assertEquals("A004", a004.body().get("number").asText());
        at(0, "09:02"); assertEquals(204, backend.send("DELETE", path("/tickets/" + a004.body().get("id").asText()),
                null, "X-Ticket-Token", a004.body().get("token").asText()).status());
        at(0, "09:03"); issue("b", "B002", 0, 0);
        at(0, "09:05"); called(owner("2", "call-next"), "A003");           // waited 300 (a)
        at(0, "09:06"); called(clerk("1", "call-next"), "B002");           // waited 180 (b)
        at(0, "09:11"); ok(owner("2", "complete"));                        // A003 served 360
        at(0, "09:14"); ok(clerk("1", "complete"));
        at(0, "09:15"); ok(clerk("1", "reopen"));
        at(0, "09:17"); ok(clerk("1", "complete"));                        // B002 served 660 (last call 09:06)
        at(0, "09:20"); ok(clerk("3", "open"));
        at(0, "09:30"); issue("b", "B003", 0, 0);
        at(0, "09:31"); Reply b004 = backend.issue(B, "b");                // 1 ahead × ~510 s ÷ 2 open: ~[204, 306]
        assertEquals("B004", b004.body().get("number").asText());
        JsonNode est = b004.body().get("estimatedWait");
        assertTrue(Math.abs(est.get("minSeconds").asLong() - 204) <= 1 && Math.abs(est.get("maxSeconds").asLong()
                - 306) <= 1, "B004's estimate was " + est);
        at(0, "09:32"); called(clerk("3", "call-next"), "B003");           // waited 120 (b)
        at(0, "09:36"); called(clerk("1", "call-next"), "B004");           // waited 300 (b), inside its estimate
        at(0, "09:40"); ok(clerk("3", "complete"));                        // B003 served 480
        at(0, "09:45"); ok(clerk("1", "complete"));                        // B004 served 540
        at(0, "09:46"); ok(clerk("3", "close"));
        at(0, "09:47"); ok(clerk("1", "pause"));
        at(0, "10:00"); issue("a", "A005", 0, 0);
        at(0, "10:10"); called(clerk("1", "call-next"), "A005");           // reopens the paused counter; waited 600
        at(0, "10:20"); ok(clerk("1", "complete"));                        // A005 served 600
        at(0, "10:30"); ok(owner("2", "close"));
        at(0, "10:40"); issue("b", "B005", 0, 0);
        at(0, "10:45"); called(clerk("1", "call-next"), "B005");           // waited 300 (b)
        at(0, "10:47"); ok(clerk("1", "no-show"));                         // and never returns
        at(1, "03:50"); issue("a", "A006", 0, 0);                          // still business day D
        at(1, "03:55"); called(clerk("1", "call-next"), "A006");           // waited 300 (a)
        at(1, "03:58"); issue("b", "B006", 0, 0);                          // reset when D ends
        at(1, "04:02"); ok(clerk("3", "open"));                            // B006 waits no more: its day is over
        at(1, "04:05"); issue("a", "A001", 0, 0);                          // D+1 (Tuesday); B006 reset by now
        at(1, "04:10"); ok(clerk("1", "complete"));                        // A006 served 900, on D+1
        at(1, "04:25"); called(clerk("1", "call-next"), "A001");           // waited 1200 (a)
        at(1, "04:30"); ok(clerk("1", "complete"));                        // served 300
        at(1, "04:31"); ok(clerk("1", "close"));

        long seq = Long.parseLong(backend.redis().get(backend.keys().seq(B)));
        Await.until(Duration.ofSeconds(30), "the write-behind committed seq " + seq,
                () -> backend.app().history().highestCommittedSeq(B) >= seq);
    }

    @AfterAll
    void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void hourlyHeatOfTheDayIsExact() {
        JsonNode day = stats("hourly?date=" + d);
        assertEquals(B, day.get("branch").asText());
        assertEquals(d.toString(), day.get("date").asText());
        assertEquals("Asia/Taipei", day.get("zone").asText());
        assertEquals(millis(0, "04:00"), day.get("start").asLong());
        assertEquals(millis(1, "04:00"), day.get("end").asLong());
        assertEquals(millis(1, "04:31") / 1000, day.get("dataThrough").asLong() / 1000, "the last event, D+1 04:31");
        Map<Integer, String> expected = new TreeMap<>();
        expected.put(3, "issued=2 served=0 noShow=0 wait=300.0 service=null");
        expected.put(8, "issued=3 served=3 noShow=0 wait=576.0 service=440.0");
        expected.put(9, "issued=5 served=4 noShow=0 wait=225.0 service=510.0");
        expected.put(10, "issued=2 served=1 noShow=1 wait=450.0 service=600.0");
        assertEquals(hours(expected), rows(day.get("hours")));

        JsonNode next = stats("hourly?date=" + d.plusDays(1));
        assertEquals(hours(Map.of(4, "issued=1 served=2 noShow=0 wait=1200.0 service=600.0")),
                rows(next.get("hours")));
    }

    @Test
    void summaryKpisOfTheDayAreExact() {
        JsonNode s = stats("summary?from=" + d + "&to=" + d);
        assertEquals("issued=12 served=8 noShow=1 noShowRate=" + 1.0 / 9 + " cancelled=1 reset=0 waits=12"
                + " wait=300/600 serviceLevel=" + 10.0 / 12 + " service=480/660 estimates=10 within=0.1"
                + " outside=388.8", kpis(s.get("totals")));
        assertEquals(4200, s.get("idleWhileWaitingSeconds").asLong());
        assertEquals(List.of(
                "a General target=600 issued=6 served=3 noShow=0 noShowRate=0.0 cancelled=1 reset=0 waits=5"
                        + " wait=300/600 serviceLevel=1.0 service=420/600 estimates=5 within=0.0 outside=333.6",
                "b Accounts target=300 issued=6 served=5 noShow=1 noShowRate=" + 1.0 / 6 + " cancelled=0 reset=0"
                        + " waits=7 wait=300/1620 serviceLevel=" + 5.0 / 7 + " service=540/660 estimates=5"
                        + " within=0.2 outside=444.0"),
                list(s.get("perService"), n -> n.get("service").asText() + " " + n.get("name").asText() + " target="
                        + n.get("targetWaitSeconds").asText() + " " + kpis(n.get("kpis"))));
        assertEquals(List.of(
                "1 calls=9 served=6 noShow=1 service=540/660 idle=2820",
                "2 calls=2 served=1 noShow=0 service=360/360 idle=1260",
                "3 calls=1 served=1 noShow=0 service=480/480 idle=120"),
                list(s.get("perCounter"), n -> n.get("counter").asText() + " calls=" + n.get("calls") + " served="
                        + n.get("served") + " noShow=" + n.get("noShow") + " service=" + n.get("serviceP50Seconds")
                        + "/" + n.get("serviceP90Seconds") + " idle=" + n.get("idleWhileWaitingSeconds")));
        assertEquals(List.of(
                "admin calls=2 served=1 noShow=0 service=360/360",
                "clerk calls=10 served=7 noShow=1 service=540/660"),
                list(s.get("perClerk"), n -> n.get("username").asText() + " calls=" + n.get("calls") + " served="
                        + n.get("served") + " noShow=" + n.get("noShow") + " service=" + n.get("serviceP50Seconds")
                        + "/" + n.get("serviceP90Seconds")));
        assertEquals(backend.clerkId(), s.get("perClerk").get(1).get("clerk").asText());
    }

    @Test
    void theNextDayStartsFromTheCountersStateAcrossTheBoundary() {
        // counter 1 was serving A006 at 04:00 and counter 2 was closed: only 04:10-04:25 is idle time; counter 3,
        // opened at 04:02 while B006 of the ended day was not yet reset, was not idle: nobody could be called
        JsonNode s = stats("summary?from=" + d.plusDays(1) + "&to=" + d.plusDays(1));
        assertEquals("issued=1 served=2 noShow=0 noShowRate=0.0 cancelled=0 reset=1 waits=1 wait=1200/1200"
                + " serviceLevel=0.0 service=300/900 estimates=1 within=0.0 outside=1200.0", kpis(s.get("totals")));
        assertEquals(List.of("1=900", "2=0", "3=0"), list(s.get("perCounter"),
                n -> n.get("counter").asText() + "=" + n.get("idleWhileWaitingSeconds")));

        JsonNode both = stats("summary?from=" + d + "&to=" + d.plusDays(1));
        assertEquals("issued=13 served=10 noShow=1 noShowRate=" + 1.0 / 11 + " cancelled=1 reset=1 waits=13"
                + " wait=300/1200 serviceLevel=" + 10.0 / 13 + " service=480/660 estimates=11 within="
                + 1.0 / 11 + " outside=" + 5088.0 / 11, kpis(both.get("totals")));
        assertEquals(5100, both.get("idleWhileWaitingSeconds").asLong());
    }

    @Test
    void heatmapCountsByTheBusinessDaysWeekdayAndLocalHour() {
        JsonNode h = stats("heatmap?from=" + d + "&to=" + d.plusDays(1));
        List<String> expected = new ArrayList<>();
        for (String wd : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
            int days = wd.equals("mon") || wd.equals("tue") ? 1 : 0;
            Map<Integer, String> cells = new TreeMap<>();
            if (wd.equals("mon")) {
                cells.put(3, "issued=2 wait=300.0");
                cells.put(8, "issued=3 wait=576.0");
                cells.put(9, "issued=5 wait=225.0");
                cells.put(10, "issued=2 wait=450.0");
            } else if (wd.equals("tue")) {
                cells.put(4, "issued=1 wait=1200.0");
            }
            for (int hour = 0; hour < 24; hour++) {
                expected.add(wd + " days=" + days + " " + hour + " " + cells.getOrDefault(hour, "issued=0 wait=null"));
            }
        }
        List<String> actual = new ArrayList<>();
        for (JsonNode wd : h.get("weekdays")) {
            for (JsonNode c : wd.get("hours")) {
                actual.add(wd.get("weekday").asText() + " days=" + wd.get("days") + " " + c.get("hour") + " issued="
                        + c.get("issued") + " wait=" + number(c.get("avgWaitSeconds")));
            }
        }
        assertEquals(expected, actual);
        assertEquals(millis(1, "04:31") / 1000, h.get("dataThrough").asLong() / 1000);
    }

    @Test
    void thePreAggregatedFiguresEqualTheReplayOfTheEvents() {
        // the day has a transfer, a no-show that returned, a reopen, a cancel and a reset at the day's end
        StatsRollupCheck.assertRollupEqualsReplay(backend, branch, List.of(d + ".." + d, d.plusDays(1) + ".."
                + d.plusDays(1), d + ".." + d.plusDays(1), d.minusDays(3) + ".." + d.plusDays(5)));
    }

    @Test
    void theJavaClientReadsTheAnswersIntoTheSharedRecords() {
        try (NowServingClient client = NowServingClient.builder("http://127.0.0.1:" + backend.port())
                .bearerToken(backend.ownerToken()).build()) {
            HourlyStats day = client.hourlyStats(B, d);
            assertEquals(576.0, day.hours().get(8).avgWaitSeconds());
            assertEquals(null, day.hours().get(7).avgWaitSeconds());
            StatsSummary s = client.statsSummary(B, d, d);
            assertEquals(8, s.totals().served());
            assertEquals(0.1, s.totals().estimateAccuracy().withinShare());
            assertEquals(2820, s.perCounter().get(0).idleWhileWaitingSeconds());
            assertEquals("clerk", s.perClerk().get(1).username());
            Heatmap h = client.heatmap(B, d, d.plusDays(1));
            assertEquals(5, h.weekdays().get(0).hours().get(9).issued());
            assertEquals("tue", h.weekdays().get(1).weekday());
        }
    }

    // --- the script's tools

    /** Sets the branch clock so that the next request happens at HH:MM:00 of D + days (a few ms later). */
    private void at(int days, String hhmm) {
        backend.moveClock(B, millis(days, hhmm) - System.currentTimeMillis());
    }

    private long millis(int days, String hhmm) {
        return d.plusDays(days).atTime(LocalTime.parse(hhmm)).atZone(TAIPEI).toInstant().toEpochMilli();
    }

    private String path(String rest) {
        return "/api/v1/branches/" + B + rest;
    }

    private Reply clerk(String counter, String action) {
        return backend.counter(B, counter, action);
    }

    private Reply owner(String counter, String action) {
        return owner(counter, action, null);
    }

    private Reply owner(String counter, String action, String body) {
        return backend.owner("POST", path("/counters/" + counter + "/" + action), body);
    }

    private String issue(String service, String number, long min, long max) {
        Reply r = backend.issue(B, service);
        assertEquals(201, r.status(), r.body()::toString);
        assertEquals(number, r.body().get("number").asText());
        assertEquals(min + ".." + max, r.body().get("estimatedWait").get("minSeconds").asLong() + ".."
                + r.body().get("estimatedWait").get("maxSeconds").asLong(), "estimate shown for " + number);
        return r.body().get("id").asText();
    }

    private static void ok(Reply r) {
        assertEquals(200, r.status(), () -> String.valueOf(r.body()));
    }

    private static void called(Reply r, String number) {
        ok(r);
        assertEquals(number, r.body().get("ticket").get("number").asText());
    }

    private JsonNode stats(String query) {
        Reply r = backend.owner("GET", path("/stats/" + query), null);
        assertEquals(200, r.status(), () -> String.valueOf(r.body()));
        return r.body();
    }

    private static List<String> hours(Map<Integer, String> busy) {
        List<String> rows = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            rows.add(h + " " + busy.getOrDefault(h, "issued=0 served=0 noShow=0 wait=null service=null"));
        }
        return rows;
    }

    private static List<String> rows(JsonNode hours) {
        return list(hours, n -> n.get("hour") + " issued=" + n.get("issued") + " served=" + n.get("served")
                + " noShow=" + n.get("noShow") + " wait=" + number(n.get("avgWaitSeconds")) + " service="
                + number(n.get("avgServiceSeconds")));
    }

    private static String kpis(JsonNode k) {
        JsonNode e = k.get("estimateAccuracy");
        return "issued=" + k.get("issued") + " served=" + k.get("served") + " noShow=" + k.get("noShow")
                + " noShowRate=" + number(k.get("noShowRate")) + " cancelled=" + k.get("cancelled") + " reset="
                + k.get("reset") + " waits=" + k.get("waits") + " wait=" + k.get("waitP50Seconds") + "/"
                + k.get("waitP90Seconds") + " serviceLevel=" + number(k.get("serviceLevel")) + " service="
                + k.get("serviceP50Seconds") + "/" + k.get("serviceP90Seconds") + " estimates=" + e.get("samples")
                + " within=" + number(e.get("withinShare")) + " outside=" + number(e.get("meanSecondsOutside"));
    }

    private static String number(JsonNode n) {
        return n == null || n.isNull() ? "null" : String.valueOf(n.asDouble());
    }

    private static List<String> list(JsonNode array, java.util.function.Function<JsonNode, String> f) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(f.apply(n)));
        return out;
    }
}
