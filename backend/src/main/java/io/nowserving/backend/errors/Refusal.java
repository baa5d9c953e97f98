package io.nowserving.backend.errors;

import io.nowserving.shared.api.ErrorCode;

/**
 * A refusal with a stable code, raised by any layer and answered once as problem+json by the web layer's
 * {@code Problems}; a positive {@code retryAfterSeconds} becomes a Retry-After header (429 answers). It lives below
 * the features so that a refusal decided in a script or a store never imports the HTTP package.
 */
public class Refusal extends RuntimeException {
    private final ErrorCode code;
    private final long retryAfterSeconds;

    public Refusal(ErrorCode code, String detail) {
        this(code, detail, 0);
    }

    public Refusal(ErrorCode code, String detail, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ErrorCode code() {
        return code;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static Refusal invalid(String detail) {
        return new Refusal(ErrorCode.INVALID_REQUEST, detail);
    }

    public static Refusal notFound(String detail) {
        return new Refusal(ErrorCode.NOT_FOUND, detail);
    }
}
