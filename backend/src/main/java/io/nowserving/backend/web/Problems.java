package io.nowserving.backend.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.nowserving.backend.config.ConfigValidationException;
import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.api.Problem;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place exceptions become answers: problem+json with a stable code. Unexpected ones are logged here. */
public final class Problems {
    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    public static void register(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> {
            if (e.retryAfterSeconds() > 0) {
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            }
            answer(ctx, e.code(), e.getMessage());
        });
        app.exception(ConfigValidationException.class, (e, ctx) -> answer(ctx, ErrorCode.INVALID_REQUEST, e.getMessage()));
        app.exception(RedisConnectionException.class, (e, ctx) -> unavailable(ctx, "Redis", e));
        app.exception(RedisCommandTimeoutException.class, (e, ctx) -> unavailable(ctx, "Redis", e));
        app.exception(RedisException.class, (e, ctx) -> unavailable(ctx, "Redis", e));
        app.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, forStatus(e.getStatus()), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            if (rootCause(e) instanceof SQLException) {
                unavailable(ctx, "SQL", e);
                return;
            }
            log.error("unexpected failure on {} {}", ctx.method(), ctx.matchedPath(), e);
            answer(ctx, ErrorCode.UNAVAILABLE, "unexpected server error; try again");
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
