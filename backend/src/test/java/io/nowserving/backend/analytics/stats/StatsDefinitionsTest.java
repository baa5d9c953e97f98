package io.nowserving.backend.analytics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nowserving.backend.analytics.DayRange;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.OpeningHours;
import io.nowserving.backend.testing.TestBranches;
import io.nowserving.shared.api.HourlyStats;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The definitions DECISIONS.md states, on their own: nearest-rank percentiles and local hours across DST. */
class StatsDefinitionsTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final BranchConfig BRANCH = TestBranches.branch("ny", 1, null, NEW_YORK, OpeningHours.ALWAYS);

    @Test
    void percentilesAreNearestRank() {
        long[] ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5, Tally.percentile(ten, 50));
        assertEquals(9, Tally.percentile(ten, 90));
        long[] twelve = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        assertEquals(6, Tally.percentile(twelve, 50));
        assertEquals(11, Tally.percentile(twelve, 90), "rank ceil(10.8) = 11");
        assertEquals(7, Tally.percentile(new long[] {7}, 90));
        assertNull(Tally.percentile(new long[0], 50));
    }

    @Test
    void theDayTheClocksGoBackHas25HoursAndItsRepeatedHourHoldsBoth() {
        // 2026-11-01 02:00 EDT → 01:00 EST falls in business day 2026-10-31 (04:00 to 04:00)
        DayRange day = DayRange.day("2026-10-31", BRANCH);
        assertEquals(Duration.ofHours(25), Duration.between(day.start(), day.end()));
        long firstOneThirty = LocalDateTime.of(2026, 11, 1, 1, 30).toEpochSecond(ZoneOffset.ofHours(-4));
        long secondOneThirty = LocalDateTime.of(2026, 11, 1, 1, 30).toEpochSecond(ZoneOffset.ofHours(-5));
        HourlyStats h = HourlyReport.build("ny", day, null, List.of(issued("t1", firstOneThirty),
                issued("t2", secondOneThirty)), List.of());
        assertEquals(24, h.hours().size());
        assertEquals(2, h.hours().get(1).issued());
    }

    @Test
    void theDayTheClocksGoForwardHas23HoursAndItsSkippedHourStaysEmpty() {
        // 2026-03-08 02:00 EST → 03:00 EDT falls in business day 2026-03-07
        DayRange day = DayRange.day("2026-03-07", BRANCH);
        assertEquals(Duration.ofHours(23), Duration.between(day.start(), day.end()));
        long justBefore = LocalDateTime.of(2026, 3, 8, 1, 59, 59).toEpochSecond(ZoneOffset.ofHours(-5));
        long justAfter = justBefore + 1; // 03:00 EDT
        HourlyStats h = HourlyReport.build("ny", day, null, List.of(issued("t1", justBefore),
                issued("t2", justAfter)), List.of());
        assertEquals(List.of(1, 0, 1), List.of(h.hours().get(1).issued(), h.hours().get(2).issued(),
                h.hours().get(3).issued()));
        assertNull(h.hours().get(2).avgWaitSeconds());
    }

    private static TicketFact issued(String id, long at) {
        return new TicketFact(id, "a", "a", "waiting", at, null, null, null, null);
    }
}
