package io.nowserving.shared.api;

import java.util.List;

/**
 * One business day of a branch hour by hour ({@code GET /api/v1/branches/{b}/stats/hourly?date=}). The day runs
 * from {@code start} to {@code end} (epoch ms; the branch's business-day start in {@code zone}, so 23 or 25 hours
 * across a daylight-saving change). {@code hours} always has 24 rows, local clock hours 0 to 23: an hour that
 * occurs twice on a day the clocks go back holds both, an hour skipped when they go forward stays empty.
 * {@code dataThrough} is the time of the newest event SQL holds for the branch (null when none): nothing later
 * is counted. Times are counted in whole seconds.
 */
public record HourlyStats(String branch, String date, String zone, long start, long end, Long dataThrough,
                          List<Hour> hours) {

    /**
     * One local clock hour: tickets {@code issued} in it; {@code served} (completed) and {@code noShow} tickets
     * whose final outcome fell in it; {@code avgWaitSeconds} over the calls made in it (each call ends one wait:
     * from issue, or from a transfer or return, to the call); {@code avgServiceSeconds} over the tickets completed
     * in it (from their last call to their completion). An average of nothing is null.
     */
    public record Hour(int hour, int issued, int served, int noShow, Double avgWaitSeconds,
                       Double avgServiceSeconds) {
    }
}
