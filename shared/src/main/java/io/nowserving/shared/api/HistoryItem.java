package io.nowserving.shared.api;

/**
 * One ticket of a branch's history, as SQL holds it (the durable history written behind Redis).
 *
 * @param status    waiting, called, completed, no_show, cancelled or reset
 * @param service   the service it is in now (after any transfer)
 * @param counter   the counter that called it last, or null
 * @param issuedAt  epoch milliseconds (Redis' clock); {@code calledAt} and {@code closedAt} likewise, null when
 *                  not (yet) called or closed
 */
public record HistoryItem(String id, String number, String service, String status, String counter, long issuedAt,
                          Long calledAt, Long closedAt) {
}
