package io.nowserving.shared.api;

import java.util.List;

/**
 * KPIs of a branch over whole business days {@code from}..{@code to} ({@code GET …/stats/summary?from=&to=}),
 * covering {@code start}..{@code end} (epoch ms) in {@code zone}, for the branch, each service, each counter and
 * each staff member who called tickets. {@code dataThrough} is the time of the newest event SQL holds for the
 * branch (null when none). Durations are whole seconds; percentiles are nearest-rank (the smallest value with
 * at least p % of the values at or below it); a rate, share or percentile of nothing is null.
 * {@code idleWhileWaitingSeconds} is the sum over the counters.
 */
public record StatsSummary(String branch, String from, String to, String zone, long start, long end,
                           Long dataThrough, Kpis totals, long idleWhileWaitingSeconds, List<ServiceKpis> perService,
                           List<CounterKpis> perCounter, List<ClerkKpis> perClerk) {

    /**
     * Outcomes and waits. {@code issued}: tickets issued in the range (a transfer is not an issue). {@code served},
     * {@code noShow}, {@code cancelled}, {@code reset}: tickets whose final outcome fell in the range (a no-show
     * who returned counts by what happened next; a reopened ticket by its last completion).
     * {@code noShowRate} = noShow / (served + noShow). {@code waits}: calls made in the range, each ending one
     * wait (issue, transfer or return → call); {@code serviceLevel}: share of those waits at or under the target
     * wait of the service waited in. Service times run from a completed ticket's last call to its completion.
     */
    public record Kpis(int issued, int served, int noShow, Double noShowRate, int cancelled, int reset, int waits,
                       Long waitP50Seconds, Long waitP90Seconds, Double serviceLevel, Long serviceP50Seconds,
                       Long serviceP90Seconds, EstimateAccuracy estimateAccuracy) {
    }

    /**
     * How well the wait shown at issue matched the first wait (issue → first call) of the tickets first called in
     * the range: {@code withinShare} of those inside the shown range [min, max], and {@code meanSecondsOutside}, the
     * mean distance in seconds from the real wait to the shown range (0 when inside).
     */
    public record EstimateAccuracy(int samples, Double withinShare, Double meanSecondsOutside) {
    }

    /**
     * A service: issues by the service issued in, outcomes by the service the ticket ended in, waits by the
     * service waited in. {@code targetWaitSeconds} is the current configuration's (null for a removed service,
     * which then has no service level).
     */
    public record ServiceKpis(String service, String name, Integer targetWaitSeconds, Kpis kpis) {
    }

    /**
     * A counter: the calls made there, the outcomes of tickets last called there, their service times, and
     * {@code idleWhileWaitingSeconds}: time the counter was open, serving nobody, while someone waited in a
     * service it serves (by the current configuration).
     */
    public record CounterKpis(String counter, String name, int calls, int served, int noShow, Long serviceP50Seconds,
                              Long serviceP90Seconds, long idleWhileWaitingSeconds) {
    }

    /**
     * A staff member (user id, and username while the user exists): the calls they made and the outcomes and
     * service times of the tickets they called last.
     */
    public record ClerkKpis(String clerk, String username, int calls, int served, int noShow, Long serviceP50Seconds,
                            Long serviceP90Seconds) {
    }
}
