package io.nowserving.backend.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A minimal Prometheus text endpoint: HTTP answers by status (429s are the rate limits and login throttling at
 * work), JVM heap and uptime. Served on {@code NOWSERVING_METRICS_PORT} (its own listener) or on the main port
 * behind {@code NOWSERVING_METRICS_TOKEN}; off otherwise.
 */
public final class Metrics implements AutoCloseable {
    private final Map<Integer, LongAdder> byStatus = new ConcurrentSkipListMap<>();
    private final java.util.List<java.util.function.Supplier<String>> sections =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Adds lines of a feature (Prometheus text, each line ending in a newline), read at every scrape. */
    public void add(java.util.function.Supplier<String> section) {
        sections.add(section);
    }
    private volatile com.sun.net.httpserver.HttpServer listener;

    public void request(int status) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP nowserving_http_responses_total HTTP answers by status.\n");
        out.append("# TYPE nowserving_http_responses_total counter\n");
        byStatus.forEach((status, n) -> out.append("nowserving_http_responses_total{status=\"").append(status)
                .append("\"} ").append(n.sum()).append('\n'));
        Runtime rt = Runtime.getRuntime();
        out.append("# HELP jvm_heap_used_bytes Heap in use.\n# TYPE jvm_heap_used_bytes gauge\n");
        out.append("jvm_heap_used_bytes ").append(rt.totalMemory() - rt.freeMemory()).append('\n');
        out.append("# HELP process_uptime_seconds Time since the JVM started.\n# TYPE process_uptime_seconds gauge\n");
        out.append("process_uptime_seconds ").append(ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0)
                .append('\n');
        for (java.util.function.Supplier<String> section : sections) {
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
    }
}
