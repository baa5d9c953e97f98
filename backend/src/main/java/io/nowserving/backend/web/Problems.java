package io.nowserving.backend.web;

import io.nowserving.backend.errors.Refusal;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.api.Problem;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place exceptions become answers: problem+json with a stable code. Unexpected ones are logged here. */
public final class Problems {
    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    /** Redis error replies that mean "not now" (loading, busy, failing over, full), not a defect of ours. */
    private static final List<String> TRANSIENT_REPLIES = List.of("LOADING", "BUSY", "MASTERDOWN", "READONLY",
            "OOM", "TRYAGAIN", "CLUSTERDOWN", "NOREPLICAS", "MOVED", "ASK");

    private Problems() {
    }

    public static void register(Javalin app) {
        app.exception(Refusal.class, (e, ctx) -> {
            if (e.retryAfterSeconds() > 0) {
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            }
            answer(ctx, e.code(), e.getMessage());
        });
        app.exception(RedisConnectionException.class, (e, ctx) -> unavailable(ctx, "Redis", e));
        app.exception(RedisCommandTimeoutException.class, (e, ctx) -> unavailable(ctx, "Redis", e));
        app.exception(RedisCommandExecutionException.class, (e, ctx) -> {
            if (isTransient(e)) {
                unavailable(ctx, "Redis", e);
            } else {
                internal(ctx, e);
            }
        });
        app.exception(RedisException.class, (e, ctx) -> unavailable(ctx, "Redis", e));
        app.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, forStatus(e.getStatus()), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            if (rootCause(e) instanceof SQLException) {
                unavailable(ctx, "SQL", e);
                return;
            }
            internal(ctx, e);
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                answer(ctx, ErrorCode.NOT_FOUND, "no such resource: " + ctx.path());
            }
        });
        app.error(405, ctx -> answer(ctx, ErrorCode.NOT_FOUND, "no such operation on " + ctx.path()));
    }

    public static void answer(Context ctx, ErrorCode code, String detail) {
        ctx.status(code.status());
        ctx.result(ctx.jsonMapper().toJsonString(Problem.of(code, detail), Problem.class));
        ctx.contentType("application/problem+json");
    }

    private static void unavailable(Context ctx, String what, Exception e) {
        log.warn("{} unavailable on {} {}: {}", what, ctx.method(), ctx.matchedPath(), e.toString());
        ctx.header("Retry-After", "2");
        answer(ctx, ErrorCode.UNAVAILABLE, what + " is unreachable; retry shortly");
    }

    /** A defect (a script error, a bug): 500, logged once with a reference the answer names too. */
    private static void internal(Context ctx, Exception e) {
        String reference = UUID.randomUUID().toString();
        log.error("internal error {} on {} {}", reference, ctx.method(), ctx.matchedPath(), e);
        answer(ctx, ErrorCode.INTERNAL, "internal server error; reference " + reference);
    }

    private static boolean isTransient(RedisCommandExecutionException e) {
        String message = String.valueOf(e.getMessage());
        // a script's own error reply is "ERR Error running script ..." (5.0) or "ERR user_script:..." and may quote
        // the reply of a command it called, e.g. "-OOM command not allowed ..."
        return TRANSIENT_REPLIES.stream().anyMatch(p -> message.startsWith(p + " ") || message.contains("-" + p + " ")
                || message.contains(": " + p + " "));
    }

    private static ErrorCode forStatus(int status) {
        return switch (status) {
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404, 405 -> ErrorCode.NOT_FOUND;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> ErrorCode.INVALID_REQUEST;
        };
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
