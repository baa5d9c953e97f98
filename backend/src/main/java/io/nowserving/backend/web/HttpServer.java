package io.nowserving.backend.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;

/** The Javalin server: JSON mapping, body limit, the access check, error mapping, graceful stop. */
public final class HttpServer {
    private HttpServer() {
    }

    /**
     * @param shutdownGraceMs how long a stop waits for requests in flight and for clients to drop their
     *                        connections (Jetty waits for idle keep-alive connections too, so this is a maximum)
     */
    public static Javalin create(ObjectMapper json, AccessCheck access, int maxBodyBytes, int shutdownGraceMs) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.http.maxRequestSize = maxBodyBytes;
            config.http.defaultContentType = "application/json";
            config.jetty.modifyServer(server -> server.setStopTimeout(shutdownGraceMs));
            config.useVirtualThreads = false;
        });
        app.before(ctx -> {
            long length = ctx.contentLength();
            if (length > maxBodyBytes) {
                throw new ApiException(io.nowserving.shared.api.ErrorCode.PAYLOAD_TOO_LARGE,
                        "the body may be at most " + maxBodyBytes + " bytes");
            }
            ctx.header("X-Content-Type-Options", "nosniff");
        });
        access.register(app);
        Problems.register(app);
        return app;
    }
}
