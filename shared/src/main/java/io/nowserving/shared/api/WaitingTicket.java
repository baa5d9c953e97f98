package io.nowserving.shared.api;

/**
 * A ticket in the staff list of {@code GET /api/v1/branches/{b}/tickets}: waiting ones with their place
 * ({@code ahead}) and estimate, called ones with their counter. {@code queuedAt} is epoch milliseconds.
 */
public record WaitingTicket(String id, String number, String service, String status, boolean priority,
                            long queuedAt, Integer ahead, WaitEstimate estimatedWait, String counter) {
}
