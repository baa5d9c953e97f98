package io.nowserving.backend.analytics;

import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.errors.Refusal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A run of whole business days of one branch, from {@code from} to {@code to} inclusive, and the instants they
 * span: {@code [start, end)}, each business day beginning at the branch's business-day start in its zone (so a
 * day is 23 or 25 hours long across a daylight-saving change). Every analytics query parameter naming days goes
 * through here, so they all read and refuse dates alike.
 */
public record DayRange(LocalDate from, LocalDate to, ZoneId zone, LocalTime dayStart, Instant start, Instant end) {

    /** The longest range a query may ask for, so one request cannot scan years of history. */
    public static final int MAX_DAYS = 366;
    /** The days a query may name: every instant of them fits SQL's timestamps and Java's arithmetic. */
    static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
    static final LocalDate LATEST = LocalDate.of(9998, 12, 31);

    /** One business day, from the {@code date} parameter (required). */
    public static DayRange day(String date, BranchConfig branch) {
        LocalDate d = date("date", date);
        return of(d, d, branch);
    }

    /** The days from {@code from} to {@code to} inclusive (both required, at most {@link #MAX_DAYS}). */
    public static DayRange parse(String from, String to, BranchConfig branch) {
        LocalDate f = date("from", from);
        LocalDate t = date("to", to);
        if (t.isBefore(f)) {
            throw Refusal.invalid("to must not be before from");
        }
        if (ChronoUnit.DAYS.between(f, t) + 1 > MAX_DAYS) {
            throw Refusal.invalid("from..to spans more than " + MAX_DAYS + " days");
        }
        return of(f, t, branch);
    }

    /** The days from {@code from} to {@code to} inclusive in the branch's zone and day start (no length limit). */
    public static DayRange of(LocalDate from, LocalDate to, BranchConfig branch) {
        ZoneId zone = branch.timeZone();
        LocalTime dayStart = branch.businessDayStart();
        return new DayRange(from, to, zone, dayStart, startOf(from, zone, dayStart),
                startOf(to.plusDays(1), zone, dayStart));
    }

    /** The business day an instant belongs to: the local date of {@code at - businessDayStart}. */
    public LocalDate dayOf(Instant at) {
        return businessDay(at, zone, dayStart);
    }

    /**
     * The business day of {@code at} in a zone whose days start at {@code dayStart}. A day start inside a
     * fall-back hour comes twice on the wall clock: the day begins at the first (as {@link #startOf} resolves it),
     * and the replayed hour belongs to it, so the business day never steps backwards.
     */
    public static LocalDate businessDay(Instant at, ZoneId zone, LocalTime dayStart) {
        LocalDate d = at.atZone(zone).toLocalDateTime().minusHours(dayStart.getHour())
                .minusMinutes(dayStart.getMinute()).toLocalDate();
        return at.isBefore(startOf(d.plusDays(1), zone, dayStart)) ? d : d.plusDays(1);
    }

    /** When business day {@code day} starts, in this range's zone and day start. */
    public Instant startOf(LocalDate day) {
        return startOf(day, zone, dayStart);
    }

    /** The starts of the range's business days after the first: the day boundaries inside the range. */
    public List<Instant> boundaries() {
        return from.plusDays(1).datesUntil(to.plusDays(1)).map(this::startOf).toList();
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }

    private static Instant startOf(LocalDate day, ZoneId zone, LocalTime dayStart) {
        return day.atTime(dayStart).atZone(zone).toInstant();
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw Refusal.invalid(name + " is required (yyyy-mm-dd)");
        }
        LocalDate d;
        try {
            d = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw Refusal.invalid(name + " must be a date as yyyy-mm-dd, was '" + abbreviate(value) + "'");
        }
        if (d.isBefore(EARLIEST) || d.isAfter(LATEST)) {
            throw Refusal.invalid(name + " must be a date from " + EARLIEST + " to " + LATEST + ", was '"
                    + abbreviate(value) + "'");
        }
        return d;
    }

    private static String abbreviate(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "…";
    }
}
