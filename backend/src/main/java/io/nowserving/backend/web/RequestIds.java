package io.nowserving.backend.web;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.MDC;

/**
 * The request id on every log line of a request ({@code %X{requestId}} in logback.xml): the caller's
 * {@code X-Request-Id} when it is a plain token (nginx's {@code $request_id}), else a new one; echoed in the answer.
 */
final class RequestIds {
    static final String KEY = "requestId";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    static void begin(Context ctx) {
        String given = ctx.header("X-Request-Id");
        String id = given != null && given.matches("[A-Za-z0-9._-]{8,64}") ? given : next();
        MDC.put(KEY, id);
        ctx.header("X-Request-Id", id);
    }

    static void end() {
        MDC.remove(KEY);
    }

    private static String next() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
