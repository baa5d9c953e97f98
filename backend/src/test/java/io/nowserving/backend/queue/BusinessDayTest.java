package io.nowserving.backend.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nowserving.backend.config.OpeningHours;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusinessDayTest {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    private static long offsetTo(ZonedDateTime target) {
        return target.toInstant().toEpochMilli() - Instant.now().toEpochMilli();
    }

    @Test
    void numberingRestartsAtTheBusinessDayStartInTheBranchZone(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("day", 1, null))) {
            LocalDate tomorrow = LocalDate.now(TAIPEI).plusDays(1);
            backend.moveClock("day", offsetTo(ZonedDateTime.of(tomorrow, LocalTime.of(23, 0), TAIPEI).minusDays(1)));
            assertEquals("A001", backend.issue("day", "a").body().get("number").asText());
            // past midnight but before 04:00 local: still the same business day
            backend.moveClock("day", offsetTo(ZonedDateTime.of(tomorrow, LocalTime.of(3, 55), TAIPEI)));
            assertEquals("A002", backend.issue("day", "a").body().get("number").asText());
            // 04:00 local starts the next business day
            backend.moveClock("day", offsetTo(ZonedDateTime.of(tomorrow, LocalTime.of(4, 5), TAIPEI)));
            assertEquals("A001", backend.issue("day", "a").body().get("number").asText());
            assertEquals("A002", backend.issue("day", "a").body().get("number").asText());
            assertEquals("B001", backend.issue("day", "b").body().get("number").asText());
        }
    }

    @Test
    void outsideOpeningHoursIssuingAnswersBranchClosed(@TempDir Path dir) {
        OpeningHours weekdays = new OpeningHours(Map.of(
                DayOfWeek.MONDAY, List.of(new OpeningHours.Interval(LocalTime.of(8, 30), LocalTime.of(17, 0)))));
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("hrs", 1, null, TAIPEI, weekdays))) {
            LocalDate monday = LocalDate.now(TAIPEI).with(java.time.temporal.TemporalAdjusters.next(DayOfWeek.MONDAY));
            backend.moveClock("hrs", offsetTo(ZonedDateTime.of(monday, LocalTime.of(8, 25), TAIPEI)));
            TestBackend.Reply early = backend.issue("hrs", "a");
            assertEquals(409, early.status());
            assertEquals("branch_closed", early.code());
            backend.moveClock("hrs", offsetTo(ZonedDateTime.of(monday, LocalTime.of(8, 35), TAIPEI)));
            assertEquals(201, backend.issue("hrs", "a").status());
            backend.moveClock("hrs", offsetTo(ZonedDateTime.of(monday, LocalTime.of(17, 5), TAIPEI)));
            assertEquals("branch_closed", backend.issue("hrs", "a").code());
            backend.moveClock("hrs", offsetTo(ZonedDateTime.of(monday.plusDays(1), LocalTime.of(10, 0), TAIPEI)));
            assertEquals("branch_closed", backend.issue("hrs", "a").code(), "Tuesday has no hours");
        }
    }
}
