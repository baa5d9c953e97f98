package io.nowserving.backend.web;

import io.javalin.http.Context;
import io.nowserving.shared.api.VersionInfo;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Version, liveness and readiness. Readiness is {@code ready} (200), {@code degraded} (200: this instance serves,
 * but something shared needs an operator, such as history falling behind) or {@code not_ready} (503: do not
 * send traffic here).
 */
public final class MetaRoutes implements AutoCloseable {
    private static final String VERSION = readVersion();

    /** One readiness check: a name and a probe answering null when fine, else what is wrong. */
    public record Check(String name, Supplier<String> probe, boolean onlyDegrades) {
        /** A problem here makes the instance not ready (503). */
        public static Check required(String name, Supplier<String> probe) {
            return new Check(name, probe, false);
        }

        /** A problem here makes readiness {@code degraded} but still 200: every instance shares it. */
        public static Check degrading(String name, Supplier<String> probe) {
            return new Check(name, probe, true);
        }
    }

    /** Figures shown with readiness that never fail it (e.g. the write-behind lag). */
    public record Detail(String name, Supplier<Object> value) {
    }

    /** How often the background refresher runs every check. */
    public static final Duration REFRESH = Duration.ofSeconds(1);
    /** A result older than this (a probe hanging, e.g. on a dead Redis) answers not ready by itself. */
    public static final Duration STALE = Duration.ofSeconds(5);

    /** The last result of every check: the status code and body /readyz answers, and when it was taken. */
    private record Result(int status, Map<String, Object> body, long takenNanos) {
    }

    private final Iterable<Check> checks;
    private final Iterable<Detail> details;
    private final AtomicReference<Result> last = new AtomicReference<>();
    private final ScheduledExecutorService refresher;
    /** The check the refresher is running now, so that a stale answer names the one that hangs. */
    private volatile String running = "";

    public MetaRoutes(Iterable<Check> checks) {
        this(checks, java.util.List.of());
    }

    /**
     * Readiness from a background refresher: every {@link #REFRESH} it runs the checks and keeps the result, so
     * that a probe costs a read of that result (probes hit every instance every few seconds; running the checks per
     * request cost a Redis and an SQL round trip each). A result older than {@link #STALE} reports not ready.
     */
    public MetaRoutes(Iterable<Check> checks, Iterable<Detail> details) {
        this.checks = checks;
        this.details = details;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "readiness");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void version(Context ctx) {
        ctx.json(new VersionInfo(VERSION, VersionInfo.API));
    }

    public void health(Context ctx) {
        ctx.json(Map.of("status", "up"));
    }

    public void ready(Context ctx) {
        Result result = last.get();
        ctx.header("Cache-Control", "no-store");
        long age = result == null ? Long.MAX_VALUE : System.nanoTime() - result.takenNanos();
        if (age > STALE.toNanos()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "not_ready");
            body.put("checks", Map.of(running.isEmpty() ? "readiness" : running, result == null ? "not checked yet"
                    : "no answer for " + TimeUnit.NANOSECONDS.toMillis(age) + " ms"));
            ctx.status(503).json(body);
            return;
        }
        ctx.status(result.status()).json(result.body());
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // a detail or check that throws past its own guard must not end the refresher: the result goes stale
        }
    }

    /** Runs every check now and keeps the result (the refresher's step; tests call it to skip the wait). */
    public void refresh() {
        Map<String, String> results = new LinkedHashMap<>();
        boolean ready = true;
        boolean degraded = false;
        for (Check check : checks) {
            String problem;
            running = check.name();
            try {
                problem = check.probe().get();
            } catch (RuntimeException e) {
                problem = "unreachable: " + e.getClass().getSimpleName();
            } finally {
                running = "";
            }
            results.put(check.name(), problem == null ? "ok" : problem);
            if (problem != null && check.onlyDegrades()) {
                degraded = true;
            } else {
                ready &= problem == null;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", !ready ? "not_ready" : degraded ? "degraded" : "ready");
        body.put("checks", results);
        for (Detail detail : details) {
            try {
                body.put(detail.name(), detail.value().get());
            } catch (RuntimeException e) {
                body.put(detail.name(), "unavailable: " + e.getClass().getSimpleName());
            }
        }
        last.set(new Result(ready ? 200 : 503, Collections.unmodifiableMap(body), System.nanoTime()));
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }

    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = MetaRoutes.class.getResourceAsStream("/nowserving-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
