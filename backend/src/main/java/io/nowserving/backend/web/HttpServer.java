package io.nowserving.backend.web;

import io.nowserving.backend.errors.Refusal;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.nowserving.shared.api.ErrorCode;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Javalin server: JSON mapping, body limit, security headers, CORS (closed unless origins are configured),
 * the access check, error mapping, the access log (route patterns only: no ids, query strings or addresses),
 * graceful stop. Every route added is recorded with its roles ({@link #routes()}).
 */
public final class HttpServer {
    private static final Logger access = LoggerFactory.getLogger("io.nowserving.access");
    /** The API may load nothing. */
    private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    /**
     * Pages load from this origin only; the phone pages ({@code backend.pages}) add the hashes of their inline
     * stylesheet and script to it.
     */
    public static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none';"
            + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** A route as registered: method, path pattern, roles. */
    public record RouteInfo(String method, String path, Set<Role> roles) {
    }

    private final Javalin app;
    private final List<RouteInfo> routes;

    private HttpServer(Javalin app, List<RouteInfo> routes) {
        this.app = app;
        this.routes = routes;
    }

    public Javalin app() {
        return app;
    }

    /**
     * The first step of stopping: closes the listening sockets (a client reconnecting now is refused at once,
     * instead of opening a stream that the stop would have to wait for) and lets idle keep-alive connections go
     * after {@code idleMs} instead of Jetty's default second. Requests in flight go on; {@link Javalin#stop} then
     * waits for them.
     */
    public void stopAccepting(long idleMs) {
        if (app.jettyServer() == null || app.jettyServer().server() == null) {
            return;
        }
        for (org.eclipse.jetty.server.Connector c : app.jettyServer().server().getConnectors()) {
            if (c instanceof org.eclipse.jetty.server.AbstractConnector connector) {
                connector.setShutdownIdleTimeout(idleMs);
            }
            if (c instanceof org.eclipse.jetty.server.NetworkConnector listening) {
                try {
                    listening.close();
                } catch (RuntimeException e) {
                    access.debug("closing the listening socket failed: {}", e.toString());
                }
            }
        }
    }

    /** Every route registered so far. */
    public List<RouteInfo> routes() {
        return List.copyOf(routes);
    }

    /**
     * @param shutdownGraceMs how long a stop waits for requests in flight and for clients to drop their
     *                        connections (Jetty waits for idle keep-alive connections too, so this is a maximum)
     */
    public static HttpServer create(ObjectMapper json, AccessCheck check, int maxBodyBytes, int shutdownGraceMs,
                                    List<String> corsOrigins, Metrics metrics) {
        List<RouteInfo> routes = new CopyOnWriteArrayList<>();
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.http.maxRequestSize = maxBodyBytes;
            config.http.defaultContentType = "application/json";
            config.jetty.modifyServer(server -> server.setStopTimeout(shutdownGraceMs));
            config.useVirtualThreads = false;
            config.events(events -> events.handlerAdded(h -> {
                if (h.getHttpMethod().isHttpMethod()) {
                    routes.add(new RouteInfo(h.getHttpMethod().name(), h.getPath(),
                            Set.copyOf(h.getRoles().stream().map(r -> (Role) r).toList())));
                }
            }));
            if (!corsOrigins.isEmpty()) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    rule.allowHost(corsOrigins.get(0), corsOrigins.subList(1, corsOrigins.size()).toArray(String[]::new));
                    rule.exposeHeader("Retry-After");
                    rule.exposeHeader("Location");
                }));
            }
            config.requestLogger.http((ctx, ms) -> {
                String route;
                try {
                    route = ctx.endpointHandlerPath();
                } catch (RuntimeException e) {
                    route = "(no route)";
                }
                metrics.request(ctx.method().name(), route, ctx.statusCode(), ms);
                access.info("{} {} {} {}ms", ctx.method(), route, ctx.statusCode(), Math.round(ms));
                RequestIds.end();
            });
        });
        app.before(ctx -> {
            RequestIds.begin(ctx);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Referrer-Policy", "no-referrer");
            boolean api = ctx.path().startsWith("/api/");
            ctx.header("Content-Security-Policy", api || ctx.path().equals("/metrics") ? API_POLICY : PAGE_POLICY);
            if (api) {
                // sessions, device and ticket tokens, staff data: nothing of the API belongs in a cache
                ctx.header("Cache-Control", "no-store");
            }
            long length = ctx.contentLength();
            if (length > maxBodyBytes) {
                throw new Refusal(ErrorCode.PAYLOAD_TOO_LARGE, "the body may be at most " + maxBodyBytes + " bytes");
            }
        });
        check.register(app);
        Problems.register(app);
        return new HttpServer(app, routes);
    }
}
