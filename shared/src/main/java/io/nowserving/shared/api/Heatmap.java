package io.nowserving.shared.api;

import java.util.List;

/**
 * Tickets issued by weekday and local hour over whole business days {@code from}..{@code to}
 * ({@code GET …/stats/heatmap?from=&to=}), with {@code dataThrough} as in {@link HourlyStats}. The weekday is the
 * business day's (01:00 on a Saturday belongs to Friday for a branch whose day starts at 04:00), the hour the local
 * clock hour. {@code weekdays} always has 7 rows, {@code mon} to {@code sun}, each with 24 cells.
 */
public record Heatmap(String branch, String from, String to, String zone, long start, long end, Long dataThrough,
                      List<Weekday> weekdays) {

    /** One weekday: {@code days} is how many of the range's business days fall on it (to turn sums into means). */
    public record Weekday(String weekday, int days, List<Cell> hours) {
    }

    /** Tickets issued in the hour, and the mean wait of the calls made in it (null when none). */
    public record Cell(int hour, int issued, Double avgWaitSeconds) {
    }
}
