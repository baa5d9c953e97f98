package io.nowserving.backend.web;

import io.javalin.http.Context;
import io.nowserving.shared.api.VersionInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Version, liveness and readiness. Readiness is {@code ready} (200), {@code degraded} (200: this instance serves,
 * but something shared needs an operator, such as history falling behind) or {@code not_ready} (503: do not
 * send traffic here).
 */
public final class MetaRoutes {
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

    private final Iterable<Check> checks;
    private final Iterable<Detail> details;

    public MetaRoutes(Iterable<Check> checks) {
        this(checks, java.util.List.of());
    }

    public MetaRoutes(Iterable<Check> checks, Iterable<Detail> details) {
        this.checks = checks;
        this.details = details;
    }

    public void version(Context ctx) {
        ctx.json(new VersionInfo(VERSION, VersionInfo.API));
    }

    public void health(Context ctx) {
        ctx.json(Map.of("status", "up"));
    }

    public void ready(Context ctx) {
        Map<String, String> results = new LinkedHashMap<>();
        boolean ready = true;
        boolean degraded = false;
        for (Check check : checks) {
            String problem;
            try {
                problem = check.probe().get();
            } catch (RuntimeException e) {
                problem = "unreachable: " + e.getClass().getSimpleName();
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
        ctx.header("Cache-Control", "no-store");
        ctx.status(ready ? 200 : 503).json(body);
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
