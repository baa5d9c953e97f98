package io.nowserving.shared.client;

import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.api.Problem;

/**
 * A call the backend refused, or that could not reach it. {@link #code()} is the stable {@link ErrorCode} to
 * switch on ({@code UNAVAILABLE} for network failures, with {@link #networkFailure()} true); {@link #problem()} is
 * the problem+json body when the backend sent one.
 */
public final class NowServingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final int status;
    private final transient Problem problem;

    public NowServingException(ErrorCode code, int status, Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.status = status;
        this.problem = problem;
    }

    /** The error code of the answer (or {@code UNAVAILABLE} when no answer came). */
    public ErrorCode code() {
        return code;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** The problem+json body, or null. */
    public Problem problem() {
        return problem;
    }

    /** Whether the backend could not be reached at all (a retry later may work). */
    public boolean networkFailure() {
        return status == 0;
    }
}
