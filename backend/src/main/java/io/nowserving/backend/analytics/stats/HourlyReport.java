package io.nowserving.backend.analytics.stats;

import io.nowserving.backend.analytics.DayRange;
import io.nowserving.shared.api.HourlyStats;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Builds the hourly heat of one business day from its tickets and waits. */
final class HourlyReport {
    private HourlyReport() {
    }

    static HourlyStats build(String branch, DayRange day, Long dataThrough, Collection<TicketFact> tickets,
                             List<WaitReplay.Wait> waits) {
        long start = day.start().getEpochSecond();
        long end = day.end().getEpochSecond();
        int[] issued = new int[24];
        int[] served = new int[24];
        int[] noShow = new int[24];
        long[] waitSum = new long[24];
        int[] waitN = new int[24];
        long[] serviceSum = new long[24];
        for (TicketFact t : tickets) {
            if (t.issuedWithin(start, end)) {
                issued[hour(t.issued(), day.zone())]++;
            }
            if (t.closedWithin(start, end)) {
                int h = hour(t.closed(), day.zone());
                if ("completed".equals(t.status())) {
                    served[h]++;
                    serviceSum[h] += t.serviceSeconds();
                } else if ("no_show".equals(t.status())) {
                    noShow[h]++;
                }
            }
        }
        for (WaitReplay.Wait w : waits) {
            if (w.calledAt() >= start && w.calledAt() < end) {
                int h = hour(w.calledAt(), day.zone());
                waitSum[h] += w.seconds();
                waitN[h]++;
            }
        }
        List<HourlyStats.Hour> hours = new ArrayList<>(24);
        for (int h = 0; h < 24; h++) {
            hours.add(new HourlyStats.Hour(h, issued[h], served[h], noShow[h], mean(waitSum[h], waitN[h]),
                    mean(serviceSum[h], served[h])));
        }
        return new HourlyStats(branch, day.from().toString(), day.zone().getId(), day.start().toEpochMilli(),
                day.end().toEpochMilli(), dataThrough, hours);
    }

    /** The local clock hour of an epoch second. */
    static int hour(long epochSecond, ZoneId zone) {
        return Instant.ofEpochSecond(epochSecond).atZone(zone).getHour();
    }

    static Double mean(long sum, int n) {
        return n == 0 ? null : (double) sum / n;
    }
}
