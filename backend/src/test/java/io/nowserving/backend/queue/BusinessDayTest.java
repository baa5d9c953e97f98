package io.nowserving.backend.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.OpeningHours;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
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
    void aDayStartInsideAFallBackHourNeverStepsTheBusinessDayBackwards(@TempDir Path dir) {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZoneOffsetTransition fallBack = berlin.getRules().nextTransition(Instant.now());
        while (!fallBack.isOverlap()) {
            fallBack = berlin.getRules().nextTransition(fallBack.getInstant());
        }
        Instant change = fallBack.getInstant(); // 03:00 summer time becomes 02:00 winter time
        BranchConfig b = TestBranches.branch("dst", 1, null, berlin, OpeningHours.ALWAYS);
        BranchConfig startsAt0230 = new BranchConfig(b.id(), b.name(), berlin, LocalTime.of(2, 30), b.openingHours(),
                b.closedDays(), b.remoteQueueing(), b.version(), b.services(), b.counters());
        // the mirror writes the zone's offsets as of the backend's clock: the hour before the change
        try (TestBackend backend = TestBackend.start(dir, Map.of(), Clock.fixed(change.minusSeconds(3600),
                ZoneOffset.UTC), startsAt0230)) {
            moveTo(backend, change.minus(Duration.ofMinutes(70))); // 01:50 summer time: the day before
            assertEquals("A001", backend.issue("dst", "a").body().get("number").asText());
            assertEquals("A002", backend.issue("dst", "a").body().get("number").asText());
            moveTo(backend, change.minus(Duration.ofMinutes(20))); // 02:40 summer time: the new day
            assertEquals("A001", backend.issue("dst", "a").body().get("number").asText());
            moveTo(backend, change.plus(Duration.ofMinutes(10))); // 02:10 winter time: still the new day
            assertEquals("A002", backend.issue("dst", "a").body().get("number").asText());
            moveTo(backend, change.plus(Duration.ofMinutes(40))); // 02:40 winter time: no second day start
            assertEquals("A003", backend.issue("dst", "a").body().get("number").asText());
        }
    }

    private static void moveTo(TestBackend backend, Instant at) {
        backend.moveClock("dst", at.toEpochMilli() - Instant.now().toEpochMilli());
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
