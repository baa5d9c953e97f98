package io.nowserving.backend.analytics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.analytics.DayRange;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.CounterConfig;
import io.nowserving.backend.config.OpeningHours;
import io.nowserving.backend.config.ServiceConfig;
import io.nowserving.backend.sql.Database;
import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import io.nowserving.shared.api.StatsSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background job keeps the idle time of complete days before anyone asks: after three days of history (and the
 * write-behind's backfill flag), {@code stats_idle} fills without a stats request, only for the complete days, and a
 * summary over them then reads those rows (replays no day) with the figures of the replay.
 */
class IdleFillTest {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final String B = "fill";

    @Test
    void completeDaysAreKeptAheadOfTheSummary(@TempDir Path dir) throws InterruptedException {
        BranchConfig branch = new BranchConfig(B, "Fill", TAIPEI, LocalTime.of(4, 0), OpeningHours.ALWAYS, List.of(),
                true, 0, List.of(new ServiceConfig("a", "General", "A", null, 600, 300),
                        new ServiceConfig("b", "Accounts", "B", null, 900, 300)),
                List.of(new CounterConfig("1", "Counter 1", List.of("a", "b")),
                        new CounterConfig("2", "Counter 2", List.of("b"))));
        // after today, so that ticket keys (expiring after their business day) live
        LocalDate first = LocalDate.now(TAIPEI).plusDays(2);
        try (TestBackend backend = TestBackend.start(dir, branch)) {
            for (int day = 0; day < 3; day++) {
                at(backend, first.plusDays(day), "09:00"); ok(backend.counter(B, "1", "open"));
                at(backend, first.plusDays(day), "09:05"); ok(backend.counter(B, "2", "open"));
                at(backend, first.plusDays(day), "09:30"); issue(backend, "a");
                at(backend, first.plusDays(day), "09:31"); issue(backend, "b");
                at(backend, first.plusDays(day), "09:40"); ok(backend.counter(B, "2", "call-next"));
                at(backend, first.plusDays(day), "09:52"); ok(backend.counter(B, "2", "complete"));
                at(backend, first.plusDays(day), "10:" + (10 + 10 * day)); ok(backend.counter(B, "1", "call-next"));
                at(backend, first.plusDays(day), "11:00"); ok(backend.counter(B, "1", "complete"));
                at(backend, first.plusDays(day), "17:00"); ok(backend.counter(B, "1", "close"));
                at(backend, first.plusDays(day), "17:01"); ok(backend.counter(B, "2", "close"));
            }
            at(backend, first.plusDays(3), "09:30"); issue(backend, "a");   // the third day is complete
            long seq = Long.parseLong(backend.redis().get(backend.keys().seq(B)));
            Await.until(Duration.ofSeconds(30), "the write-behind committed seq " + seq,
                    () -> backend.app().history().highestCommittedSeq(B) >= seq);
            try (Database db = backend.database().open()) {
                Await.until(Duration.ofSeconds(30), "the rollup's backfill flag", () -> {
                    try (StatsSql sql = StatsSql.open(db.dataSource(), TestBackend.JSON)) {
                        return sql.rollupsReady();
                    }
                });
                assertEquals(0, StatsRollupCheck.count(db, "SELECT COUNT(*) FROM stats_idle WHERE branch_id = ?", B),
                        "nothing kept before the job runs");
                try (IdleFill fill = new IdleFill(db.dataSource(), TestBackend.JSON, () -> List.of(branch),
                        Duration.ZERO, Duration.ofMillis(100))) {
                    fill.start();
                    Await.until(Duration.ofSeconds(30), "the job kept three days of two counters", () ->
                            StatsRollupCheck.count(db, "SELECT COUNT(*) FROM stats_idle WHERE branch_id = ? AND"
                                    + " business_day >= '" + first + "' AND business_day <= '" + first.plusDays(2)
                                    + "'", B) == 6);
                    assertTrue(fill.daysReplayed() >= 3, "the job replayed the days");
                }
                assertEquals(0, StatsRollupCheck.count(db, "SELECT COUNT(*) FROM stats_idle WHERE branch_id = ?"
                        + " AND business_day > '" + first.plusDays(2) + "'", B), "the incomplete day is not kept");

                StatsService stats = new StatsService(db.dataSource(), TestBackend.JSON);
                DayRange complete = DayRange.of(first, first.plusDays(2), branch);
                StatsSummary summary = stats.summary(branch, complete);
                assertEquals(0, stats.idleDaysReplayed(), "the summary read the kept days");
                StatsSummary replayed = stats.summaryByReplay(branch, complete);
                assertEquals(replayed, summary, "the kept figures are the replay's");
                assertTrue(summary.perCounter().stream().anyMatch(c -> c.idleWhileWaitingSeconds() > 0),
                        () -> "people waited while a counter was idle: " + summary.perCounter());
            }
        }
    }

    private static void at(TestBackend backend, LocalDate day, String hhmm) {
        long at = day.atTime(LocalTime.parse(hhmm)).atZone(TAIPEI).toInstant().toEpochMilli();
        backend.moveClock(B, at - System.currentTimeMillis());
    }

    private static void issue(TestBackend backend, String service) {
        assertEquals(201, backend.issue(B, service).status());
    }

    private static void ok(Reply r) {
        assertEquals(200, r.status(), () -> String.valueOf(r.body()));
    }
}
