package io.nowserving.backend.web;

import com.sun.net.httpserver.HttpExchange;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prometheus metrics through Micrometer: HTTP answers by route, method and status (429s are the rate limits and
 * login throttling at work), the JVM, and what features register on {@link #registry()} or add as text sections
 * read at every scrape. Served on {@code NOWSERVING_METRICS_PORT} (its own listener) or on the main port behind
 * {@code NOWSERVING_METRICS_TOKEN}; off otherwise.
 */
public final class Metrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final List<Supplier<String>> sections = new CopyOnWriteArrayList<>();
    private volatile com.sun.net.httpserver.HttpServer listener;

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    /** Where features register their meters (names in dots: {@code nowserving.sse.clients}). */
    public MeterRegistry registry() {
        return registry;
    }

    /** Adds lines of a feature (Prometheus text, each line ending in a newline), read at every scrape. */
    public void add(Supplier<String> section) {
        sections.add(section);
    }

    /** One answered request: {@code route} is the route's template ({@code /api/v1/branches/{b}}), never the path. */
    public void request(String method, String route, int status, double millis) {
        String code = Integer.toString(status);
        registry.counter("nowserving.http.responses", "status", code).increment();
        Timer.builder("nowserving.http.requests").tag("method", method).tag("route", route).tag("status", code)
                .register(registry).record(Math.round(millis * 1000), TimeUnit.MICROSECONDS);
    }

    public String text() {
        StringBuilder out = new StringBuilder(registry.scrape());
        for (Supplier<String> section : sections) {
            try {
                out.append(section.get());
            } catch (RuntimeException e) {
                // a feature whose store is unreachable leaves its lines out; readiness tells why
            }
        }
        return out.toString();
    }

    /** The route handler for the main port (the access check has checked the token). */
    public void serve(io.javalin.http.Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(text());
    }

    /** Serves /metrics on a listener of its own. */
    public void listen(String bind, int port) throws IOException {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress(bind, port), 16);
        server.createContext("/metrics", this::answer);
        server.start();
        listener = server;
    }

    public int port() {
        return listener == null ? 0 : listener.getAddress().getPort();
    }

    private void answer(HttpExchange ex) throws IOException {
        byte[] body = text().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        ex.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
        ex.sendResponseHeaders("GET".equals(ex.getRequestMethod()) ? 200 : 405, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.stop(0);
        }
        gc.close();
        registry.close();
    }
}
