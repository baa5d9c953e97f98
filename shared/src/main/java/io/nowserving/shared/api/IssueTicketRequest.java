package io.nowserving.shared.api;

/** The body of {@code POST /api/v1/branches/{b}/tickets}; only {@code service} is required. */
public record IssueTicketRequest(String service, String language, Boolean priority, String presence) {
}
