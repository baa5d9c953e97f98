package io.nowserving.backend.analytics.stats;

import io.nowserving.backend.analytics.DayRange;
import io.nowserving.shared.api.Heatmap;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Builds the weekday × hour grid: weekday of the business day, local clock hour. */
final class HeatmapReport {
    private HeatmapReport() {
    }

    static Heatmap build(String branch, DayRange r, Long dataThrough, Collection<TicketFact> tickets,
                         List<WaitReplay.Wait> waits) {
        long start = r.start().getEpochSecond();
        long end = r.end().getEpochSecond();
        int[][] issued = new int[7][24];
        long[][] waitSum = new long[7][24];
        int[][] waitN = new int[7][24];
        for (TicketFact t : tickets) {
            if (t.issuedWithin(start, end)) {
                issued[weekday(r, t.issued())][HourlyReport.hour(t.issued(), r.zone())]++;
            }
        }
        for (WaitReplay.Wait w : waits) {
            if (w.calledAt() >= start && w.calledAt() < end) {
                int d = weekday(r, w.calledAt());
                int h = HourlyReport.hour(w.calledAt(), r.zone());
                waitSum[d][h] += w.seconds();
                waitN[d][h]++;
            }
        }
        return grid(branch, r, dataThrough, issued, waitSum, waitN);
    }

    /**
     * The same grid from the quarter-hour rows of the write-behind's rollup: exact when every quarter hour lies in
     * one local hour and one business day ({@link #slotsFit}).
     */
    static Heatmap fromSlots(String branch, DayRange r, Long dataThrough, List<StatsSql.Slot> slots) {
        int[][] issued = new int[7][24];
        long[][] waitSum = new long[7][24];
        int[][] waitN = new int[7][24];
        for (StatsSql.Slot s : slots) {
            int d = weekday(r, s.start());
            int h = HourlyReport.hour(s.start(), r.zone());
            issued[d][h] += s.issued();
            waitSum[d][h] += s.waitSum();
            waitN[d][h] += s.calls();
        }
        return grid(branch, r, dataThrough, issued, waitSum, waitN);
    }

    /** Whether quarter hours (UTC) fall each in one local hour and one business day over the range. */
    static boolean slotsFit(DayRange r) {
        return r.dayStart().getMinute() % 15 == 0 && r.dayStart().getSecond() == 0 && r.dayStart().getNano() == 0
                && r.zone().getRules().getTransitions().stream().noneMatch(t -> t.getInstant().isAfter(r.start())
                        && t.getInstant().isBefore(r.end()) && t.getOffsetAfter().getTotalSeconds() % 900 != 0)
                && r.zone().getRules().getOffset(r.start()).getTotalSeconds() % 900 == 0
                && r.zone().getRules().getOffset(r.end()).getTotalSeconds() % 900 == 0;
    }

    private static Heatmap grid(String branch, DayRange r, Long dataThrough, int[][] issued, long[][] waitSum,
                                int[][] waitN) {
        int[] days = new int[7];
        for (LocalDate d = r.from(); !d.isAfter(r.to()); d = d.plusDays(1)) {
            days[d.getDayOfWeek().getValue() - 1]++;
        }
        List<Heatmap.Weekday> rows = new ArrayList<>(7);
        for (DayOfWeek dow : DayOfWeek.values()) {
            int d = dow.getValue() - 1;
            List<Heatmap.Cell> cells = new ArrayList<>(24);
            for (int h = 0; h < 24; h++) {
                cells.add(new Heatmap.Cell(h, issued[d][h], HourlyReport.mean(waitSum[d][h], waitN[d][h])));
            }
            rows.add(new Heatmap.Weekday(dow.name().substring(0, 3).toLowerCase(Locale.ROOT), days[d], cells));
        }
        return new Heatmap(branch, r.from().toString(), r.to().toString(), r.zone().getId(),
                r.start().toEpochMilli(), r.end().toEpochMilli(), dataThrough, rows);
    }

    private static int weekday(DayRange r, long epochSecond) {
        return r.dayOf(Instant.ofEpochSecond(epochSecond)).getDayOfWeek().getValue() - 1;
    }
}
