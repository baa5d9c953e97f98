package io.nowserving.backend.analytics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.CounterConfig;
import io.nowserving.backend.config.OpeningHours;
import io.nowserving.backend.config.ServiceConfig;
import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollup's figures equal the replay's over a 23-hour business day: Europe/Berlin's spring-forward Sunday (the
 * last Sunday of March after today), days starting at 00:00, waits and service times across the skipped hour, a
 * transfer, a no-show that returns, a reopen, a ticket reset at the day's end; then the next day, so the Sunday is complete.
 */
class StatsRollupDstTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String B = "dst";

    @Test
    void aSpringForwardDayAddsUpAlikeFromTheRollupAndFromTheEvents(@TempDir Path dir) throws InterruptedException {
        BranchConfig branch = new BranchConfig(B, "DST", BERLIN, LocalTime.MIDNIGHT, OpeningHours.ALWAYS, List.of(),
                true, 0, List.of(new ServiceConfig("a", "General", "A", null, 600, 300),
                        new ServiceConfig("b", "Accounts", "B", null, 900, 300)),
                List.of(new CounterConfig("1", "Counter 1", List.of("a", "b")),
                        new CounterConfig("2", "Counter 2", List.of("b"))));
        // after today, so that ticket keys (expiring after their business day) live
        LocalDate earliest = LocalDate.now(BERLIN).plusDays(2);
        LocalDate sunday = LocalDate.of(earliest.getYear(), 3, 31).with(TemporalAdjusters.previousOrSame(
                DayOfWeek.SUNDAY));
        if (sunday.isBefore(earliest)) {
            sunday = LocalDate.of(earliest.getYear() + 1, 3, 31).with(TemporalAdjusters.previousOrSame(
                    DayOfWeek.SUNDAY));
        }
        assertEquals(23, Duration.between(sunday.atStartOfDay(BERLIN), sunday.plusDays(1).atStartOfDay(BERLIN))
                .toHours(), "a spring-forward day");
        try (TestBackend backend = TestBackend.start(dir, branch)) {
            Script s = new Script(backend, sunday);
            s.at(0, "01:20"); ok(backend.counter(B, "1", "open"));
            s.at(0, "01:30"); issue(backend, "a");
            s.at(0, "01:40"); issue(backend, "a");
            s.at(0, "01:45"); issue(backend, "b");
            s.at(0, "01:50"); ok(backend.counter(B, "1", "call-next"));    // A001
            s.at(0, "03:05"); ok(backend.counter(B, "1", "complete"));     // served across the skipped hour
            s.at(0, "03:10"); ok(backend.counter(B, "1", "call-next"));    // A002 waited from 01:40
            s.at(0, "03:12"); ok(backend.staffPost("/api/v1/branches/" + B + "/counters/1/transfer",
                    "{\"service\":\"b\"}"));
            s.at(0, "03:14"); ok(backend.counter(B, "2", "open"));
            s.at(0, "03:15"); Reply gone = backend.counter(B, "2", "call-next");
            ok(gone);
            s.at(0, "03:16"); ok(backend.counter(B, "2", "no-show"));
            s.at(0, "03:20"); ok(backend.staffPost("/api/v1/branches/" + B + "/tickets/"
                    + gone.body().get("ticket").get("id").asText() + "/return", null));
            s.at(0, "03:17"); ok(backend.counter(B, "1", "call-next"));    // A002 again, in b
            s.at(0, "03:25"); ok(backend.counter(B, "1", "complete"));
            s.at(0, "03:26"); ok(backend.counter(B, "1", "reopen"));
            s.at(0, "03:30"); ok(backend.counter(B, "1", "complete"));
            s.at(0, "03:40"); issue(backend, "a");
            s.at(0, "03:50"); ok(backend.counter(B, "2", "call-next"));    // the returned ticket
            s.at(0, "03:55"); ok(backend.counter(B, "2", "complete"));
            s.at(0, "03:56"); ok(backend.counter(B, "2", "close"));
            s.at(0, "04:00"); issue(backend, "b");
            s.at(0, "04:05"); ok(backend.counter(B, "1", "call-next"));
            s.at(0, "04:20"); ok(backend.counter(B, "1", "complete"));
            s.at(0, "23:30"); issue(backend, "b");                          // reset when the day ends
            s.at(1, "08:00"); issue(backend, "a");
            s.at(1, "08:05"); ok(backend.counter(B, "1", "call-next"));
            s.at(1, "08:09"); ok(backend.counter(B, "1", "complete"));
            s.at(1, "08:10"); ok(backend.counter(B, "1", "close"));
            long seq = Long.parseLong(backend.redis().get(backend.keys().seq(B)));
            Await.until(Duration.ofSeconds(30), "the write-behind committed seq " + seq,
                    () -> backend.app().history().highestCommittedSeq(B) >= seq);
            StatsRollupCheck.assertRollupEqualsReplay(backend, branch, List.of(sunday + ".." + sunday,
                    sunday.minusDays(1) + ".." + sunday.plusDays(1), sunday.minusDays(6) + ".." + sunday.plusDays(7)));
        }
    }

    private record Script(TestBackend backend, LocalDate day) {
        void at(int days, String hhmm) {
            long at = day.plusDays(days).atTime(LocalTime.parse(hhmm)).atZone(BERLIN).toInstant().toEpochMilli();
            backend.moveClock(B, at - System.currentTimeMillis());
        }
    }

    private static void issue(TestBackend backend, String service) {
        assertEquals(201, backend.issue(B, service).status());
    }

    private static void ok(Reply r) {
        assertEquals(200, r.status(), () -> String.valueOf(r.body()));
    }
}
