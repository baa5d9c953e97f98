package io.nowserving.backend.writebehind;

import io.nowserving.backend.config.BranchConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A branch's business day in Java, as lib/core.lua computes it in scripts: the local date of
 * {@code at - businessDayStart}. Java uses the zone's full rules where scripts use the mirrored offset and its
 * next change; the two agree except within an hour of a daylight-saving change at the day start (both keep
 * the day that began at the first of a fall-back hour's two day starts).
 */
record BusinessDays(ZoneId zone, LocalTime dayStart) {
    /** Days from midnight UTC: for events of a branch no longer configured. */
    static final BusinessDays UTC = new BusinessDays(java.time.ZoneOffset.UTC, LocalTime.MIDNIGHT);

    static BusinessDays of(BranchConfig b) {
        return new BusinessDays(b.timeZone(), b.businessDayStart());
    }

    /** The business day of {@code at}; in a fall-back hour replayed after a day start, the day that began. */
    LocalDate dayOf(Instant at) {
        LocalDate d = at.atZone(zone).toLocalDateTime().minusHours(dayStart.getHour())
                .minusMinutes(dayStart.getMinute()).toLocalDate();
        return at.isBefore(endOf(d)) ? d : d.plusDays(1);
    }

    /** When the business day ends (the next day's start) as an instant. */
    Instant endOf(LocalDate day) {
        return day.plusDays(1).atTime(dayStart).atZone(zone).toInstant();
    }

    static String ymd(LocalDate day) {
        return String.format("%04d%02d%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }
}
