package io.nowserving.shared.api;

import java.util.List;

/**
 * A page of {@code GET /api/v1/branches/{b}/history}, ordered by {@code (issuedAt, id)}.
 *
 * @param nextCursor   pass as {@code cursor} for the next page; null on the last page
 * @param dataThrough  epoch milliseconds of the newest event SQL holds for the branch (how fresh the history is),
 *                     or null when it holds none
 */
public record HistoryPage(List<HistoryItem> items, String nextCursor, Long dataThrough) {
    public HistoryPage {
        items = List.copyOf(items);
    }
}
