package io.nowserving.shared.api;

import java.util.Locale;

/**
 * The stable error codes of API v1: the {@code code} of every problem+json answer, with its HTTP status.
 * Clients switch on these, never on titles or details.
 */
public enum ErrorCode {
    INVALID_REQUEST(400, "Invalid request"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    /** A body sent with a {@code Content-Type} other than {@code application/json}. */
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    NOT_FOUND(404, "Not found"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    INVALID_CREDENTIALS(401, "Invalid credentials"),
    TOO_MANY_ATTEMPTS(429, "Too many attempts"),
    PRESENCE_REQUIRED(403, "Presence required"),
    RATE_LIMITED(429, "Rate limited"),
    CAPACITY_EXHAUSTED(409, "Capacity exhausted"),
    BRANCH_CLOSED(409, "Branch closed"),
    SERVICE_CLOSED(409, "Service closed"),
    ALREADY_CALLED(409, "Already called"),
    NOT_WAITING(409, "Not waiting"),
    GRACE_EXPIRED(409, "Grace period expired"),
    REOPEN_EXPIRED(409, "Reopen window expired"),
    COUNTER_BUSY(409, "Counter busy"),
    COUNTER_TAKEN(409, "Counter taken"),
    COUNTER_CLOSED(409, "Counter closed"),
    SERVICE_IN_USE(409, "Service in use"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused"),
    /** A defect on the server: the detail carries a reference that the server's log names too; not retried. */
    INTERNAL(500, "Internal server error"),
    UNAVAILABLE(503, "Service unavailable");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    /** The HTTP status this code is answered with. */
    public int status() {
        return status;
    }

    /** A short English title, the same for every occurrence of the code. */
    public String title() {
        return title;
    }

    /** The wire form, e.g. {@code capacity_exhausted}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The code for a wire form, e.g. {@code "counter_busy"}. */
    public static ErrorCode fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
