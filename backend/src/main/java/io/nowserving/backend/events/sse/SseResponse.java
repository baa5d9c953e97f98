package io.nowserving.backend.events.sse;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** Turns a Javalin request into an event stream written by an {@link SseConnection}. */
public final class SseResponse {
    private SseResponse() {
    }

    /**
     * Sends the SSE headers and hands the response to {@code connection}; Javalin completes the request when the
     * connection ends. The stream bypasses Javalin's result (and its compression), writing to the servlet
     * response in non-blocking mode.
     */
    public static void stream(Context ctx, SseConnection connection) {
        ctx.status(200);
        ctx.contentType("text/event-stream;charset=utf-8");
        ctx.header("Cache-Control", "no-cache, no-store");
        ctx.header("X-Accel-Buffering", "no");
        ctx.future(() -> {
            try {
                return connection.start(ctx.req(), ctx.res());
            } catch (IOException | RuntimeException e) {
                connection.abort(SseConnection.End.BROKEN);
                return CompletableFuture.completedFuture(null);
            }
        });
    }
}
