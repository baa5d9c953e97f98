package io.nowserving.backend.analytics.stats;

import io.nowserving.shared.api.StatsSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Adds up the KPIs of one row of a summary (the branch, a service, a counter or a staff member). */
final class Tally {
    int issued;
    int served;
    int noShow;
    int cancelled;
    int reset;
    int calls;
    private final List<Long> waits = new ArrayList<>();
    private final List<Long> services = new ArrayList<>();
    private int targetCalls;
    private int withinTarget;
    private int estimates;
    private int withinEstimate;
    private long secondsOutside;

    void outcome(TicketFact t) {
        switch (t.status()) {
            case "completed" -> {
                served++;
                services.add(t.serviceSeconds());
            }
            case "no_show" -> noShow++;
            case "cancelled" -> cancelled++;
            case "reset" -> reset++;
            default -> { }
        }
    }

    /** A wait ended by a call; {@code target} is the target wait of the service waited in (null: none known). */
    void wait(WaitReplay.Wait w, Integer target) {
        calls++;
        waits.add(w.seconds());
        if (target != null) {
            targetCalls++;
            if (w.seconds() <= target) {
                withinTarget++;
            }
        }
        if (w.fromIssue() && w.estimateMin() != null && w.estimateMax() != null) {
            estimates++;
            if (w.seconds() < w.estimateMin()) {
                secondsOutside += w.estimateMin() - w.seconds();
            } else if (w.seconds() > w.estimateMax()) {
                secondsOutside += w.seconds() - w.estimateMax();
            } else {
                withinEstimate++;
            }
        }
    }

    StatsSummary.Kpis kpis() {
        long[] w = sorted(waits);
        long[] s = sorted(services);
        return new StatsSummary.Kpis(issued, served, noShow, share(noShow, served + noShow), cancelled, reset,
                waits.size(), percentile(w, 50), percentile(w, 90), share(withinTarget, targetCalls),
                percentile(s, 50), percentile(s, 90), new StatsSummary.EstimateAccuracy(estimates,
                share(withinEstimate, estimates), estimates == 0 ? null : (double) secondsOutside / estimates));
    }

    Long serviceP50() {
        return percentile(sorted(services), 50);
    }

    Long serviceP90() {
        return percentile(sorted(services), 90);
    }

    /** Nearest rank: the value at rank ceil(p/100 · n) of the sorted values (1-based); null for no values. */
    static Long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (p * sorted.length + 99) / 100; // ceil in integers: no rounding error at whole ranks
        return sorted[Math.max(rank, 1) - 1];
    }

    static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static long[] sorted(List<Long> values) {
        long[] a = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a;
    }
}
