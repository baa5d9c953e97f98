package io.nowserving.backend.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DayRangeTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aDayStartInsideAFallBackHourNeverStepsTheBusinessDayBackwards() {
        LocalTime start = LocalTime.of(2, 30);
        // 2026-10-25: 03:00 summer time (01:00Z) becomes 02:00 winter time
        assertEquals(LocalDate.of(2026, 10, 24), DayRange.businessDay(Instant.parse("2026-10-24T23:50:00Z"), BERLIN,
                start), "01:50 summer time");
        assertEquals(LocalDate.of(2026, 10, 25), DayRange.businessDay(Instant.parse("2026-10-25T00:40:00Z"), BERLIN,
                start), "02:40 summer time");
        assertEquals(LocalDate.of(2026, 10, 25), DayRange.businessDay(Instant.parse("2026-10-25T01:10:00Z"), BERLIN,
                start), "02:10 winter time, the hour replayed");
        assertEquals(LocalDate.of(2026, 10, 25), DayRange.businessDay(Instant.parse("2026-10-25T01:40:00Z"), BERLIN,
                start), "02:40 winter time");
        assertEquals(LocalDate.of(2026, 10, 26), DayRange.businessDay(Instant.parse("2026-10-26T01:30:00Z"), BERLIN,
                start), "the next day starts at 02:30 winter time");
    }
}
