package io.nowserving.backend.analytics.stats;

import io.nowserving.backend.sql.SecondsHistogram;
import io.nowserving.shared.api.StatsSummary;

/**
 * Adds up the KPIs of one row of a summary (the branch, a service, a counter or a staff member), from replayed
 * tickets and waits or from pre-aggregated rows; waits and service times are kept as exact histograms either way.
 */
final class Tally {
    int issued;
    int served;
    int noShow;
    int cancelled;
    int reset;
    int calls;
    private final SecondsHistogram waits = new SecondsHistogram();
    private final SecondsHistogram services = new SecondsHistogram();
    private long targetCalls;
    private long withinTarget;
    private long estimates;
    private long withinEstimate;
    private long secondsOutside;

    void outcome(TicketFact t) {
        switch (t.status()) {
            case "completed" -> {
                served++;
                if (t.serviceSeconds() != null) {
                    services.add(t.serviceSeconds(), 1);
                }
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
        waits.add(w.seconds(), 1);
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

    /** Adds one pre-aggregated row (a day's figures of this row's key). */
    void add(StatsSql.RollupRow r) {
        issued += r.issued();
        served += r.served();
        noShow += r.noShow();
        cancelled += r.cancelled();
        reset += r.reset();
        calls += r.calls();
        estimates += r.estimates();
        withinEstimate += r.withinEstimate();
        secondsOutside += r.secondsOutside();
        waits.addAll(r.waits());
        services.addAll(r.services());
    }

    /** Counts {@code waitsInService}, the waits of one service, against that service's {@code target}. */
    void target(SecondsHistogram waitsInService, Integer target) {
        if (target != null) {
            targetCalls += waitsInService.size();
            withinTarget += waitsInService.atMost(target);
        }
    }

    boolean isEmpty() {
        return issued == 0 && served == 0 && noShow == 0 && cancelled == 0 && reset == 0 && calls == 0;
    }

    StatsSummary.Kpis kpis() {
        return new StatsSummary.Kpis(issued, served, noShow, share(noShow, served + noShow), cancelled, reset,
                (int) waits.size(), waits.percentile(50), waits.percentile(90), share(withinTarget, targetCalls),
                services.percentile(50), services.percentile(90), new StatsSummary.EstimateAccuracy((int) estimates,
                share(withinEstimate, estimates), estimates == 0 ? null : (double) secondsOutside / estimates));
    }

    Long serviceP50() {
        return services.percentile(50);
    }

    Long serviceP90() {
        return services.percentile(90);
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
}
