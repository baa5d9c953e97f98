package io.nowserving.backend.writebehind;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BusinessDaysTest {
    @Test
    void theHourReplayedAfterAFallBackDayStartBelongsToTheDayThatBegan() {
        BusinessDays days = new BusinessDays(ZoneId.of("Europe/Berlin"), LocalTime.of(2, 30));
        assertEquals(LocalDate.of(2026, 10, 24), days.dayOf(Instant.parse("2026-10-25T00:20:00Z")), "02:20 summer");
        assertEquals(LocalDate.of(2026, 10, 25), days.dayOf(Instant.parse("2026-10-25T00:40:00Z")), "02:40 summer");
        assertEquals(LocalDate.of(2026, 10, 25), days.dayOf(Instant.parse("2026-10-25T01:10:00Z")), "02:10 winter");
        assertEquals(LocalDate.of(2026, 10, 26), days.dayOf(Instant.parse("2026-10-26T01:30:00Z")), "02:30 winter");
    }
}
