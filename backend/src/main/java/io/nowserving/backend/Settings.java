package io.nowserving.backend;

import io.nowserving.backend.notify.NotifySettings;
import io.nowserving.backend.web.AddressRange;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting of the backend, read once from environment variables ({@code NOWSERVING_FOO_BAR}) and
 * system properties ({@code -Dnowserving.foo.bar}, which win), validated at start-up and passed down.
 * Nothing else reads the environment.
 */
public record Settings(
        int httpPort,
        String bind,
        Optional<String> publicUrl,
        Path dataDir,
        boolean seedDemo,
        Optional<String> redisUrl,
        boolean redisCluster,
        Optional<Path> redisCaFile,
        Optional<String> databaseUrl,
        Optional<String> databaseUser,
        Optional<String> databasePassword,
        String redisPrefix,
        String defaultLanguage,
        boolean testClock,
        int maxBodyBytes,
        int shutdownGraceMs,
        Optional<String> adminPassword,
        int passwordCost,
        int sessionTtlMinutes,
        int presenceTtlSeconds,
        int rateLimitPerMinute,
        List<String> trustedProxies,
        List<String> corsOrigins,
        int metricsPort,
        Optional<String> metricsToken,

        int leaseTtlMs,
        int streamKeepEvents,
        int streamKeepMinutes,
        int streamAlarmEntries,
        int retentionDays,
        int feedConnectionsPerAddress,
        NotifySettings notifications) {

    public Settings {
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("NOWSERVING_HTTP_PORT must be 0..65535, was " + httpPort);
        }
        if (!redisPrefix.matches("[A-Za-z0-9_:.-]{1,32}")) {
            throw new IllegalArgumentException("NOWSERVING_REDIS_PREFIX must be 1-32 of [A-Za-z0-9_:.-], was " + redisPrefix);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("NOWSERVING_MAX_BODY_BYTES must be at least 1024, was " + maxBodyBytes);
        }
        if (shutdownGraceMs < 0) {
            throw new IllegalArgumentException("NOWSERVING_SHUTDOWN_GRACE_MS must not be negative");
        }
        if (passwordCost < 1 || passwordCost > 1024) {
            throw new IllegalArgumentException("NOWSERVING_PASSWORD_COST (Argon2id memory in MiB) must be 1..1024, was " + passwordCost);
        }
        if (sessionTtlMinutes < 1) {
            throw new IllegalArgumentException("NOWSERVING_SESSION_TTL_MINUTES must be at least 1, was " + sessionTtlMinutes);
        }
        if (presenceTtlSeconds < 10) {
            throw new IllegalArgumentException("NOWSERVING_PRESENCE_TTL_SECONDS must be at least 10, was " + presenceTtlSeconds);
        }
        if (rateLimitPerMinute < 1) {
            throw new IllegalArgumentException("NOWSERVING_RATE_LIMIT_PER_MINUTE must be at least 1, was " + rateLimitPerMinute);
        }
        if (metricsPort < 0 || metricsPort > 65535) {
            throw new IllegalArgumentException("NOWSERVING_METRICS_PORT must be 1..65535 (0 or unset: off), was " + metricsPort);
        }
        if (adminPassword.isPresent() && adminPassword.get().length() < 10) {
            throw new IllegalArgumentException("NOWSERVING_ADMIN_PASSWORD must have at least 10 characters");
        }
        for (String proxy : trustedProxies) {
            AddressRange.parse(proxy);
        }
        trustedProxies = List.copyOf(trustedProxies);
        corsOrigins = List.copyOf(corsOrigins);
        if (leaseTtlMs < 300) {
            throw new IllegalArgumentException("NOWSERVING_LEASE_TTL_MS must be at least 300, was " + leaseTtlMs);
        }
        if (streamKeepEvents < 1 || streamKeepMinutes < 0) {
            throw new IllegalArgumentException("NOWSERVING_STREAM_KEEP must keep at least one event");
        }
        if (streamAlarmEntries < 1) {
            throw new IllegalArgumentException("NOWSERVING_STREAM_ALARM_ENTRIES must be at least 1, was " + streamAlarmEntries);
        }
        if (retentionDays < 1 || retentionDays > 3650) {
            throw new IllegalArgumentException("NOWSERVING_RETENTION_DAYS must be 1..3650, was " + retentionDays);
        }
        if (feedConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("NOWSERVING_FEED_CONNECTIONS_PER_ADDRESS must be at least 1, was "
                    + feedConnectionsPerAddress);
        }
        if (redisCaFile.isPresent() && !java.nio.file.Files.isReadable(redisCaFile.get())) {
            throw new IllegalArgumentException("NOWSERVING_REDIS_CA_FILE cannot be read: " + redisCaFile.get());
        }
        if (redisCluster) {
            throw new IllegalArgumentException("REDIS_CLUSTER=true is not supported yet (scale-out issue); use a single Redis");
        }
    }

    /** Reads the process environment and system properties. */
    public static Settings fromEnvironment() {
        return from(System.getenv(), System.getProperties()::getProperty);
    }

    /** Reads the given variables, with properties named {@code nowserving.foo.bar} taking precedence. */
    public static Settings from(Map<String, String> env, Function<String, String> properties) {
        Source s = new Source(env, properties);
        return new Settings(
                s.integer("NOWSERVING_HTTP_PORT", 8080),
                s.text("NOWSERVING_BIND").orElse("0.0.0.0"),
                s.text("NOWSERVING_PUBLIC_URL"),
                s.text("NOWSERVING_DATA_DIR").map(Path::of)
                        .orElse(Path.of(System.getProperty("user.home"), ".nowserving")),
                s.bool("NOWSERVING_SEED_DEMO", true),
                s.text("REDIS_URL"),
                s.bool("REDIS_CLUSTER", false),
                s.text("NOWSERVING_REDIS_CA_FILE").map(Path::of),
                s.text("DATABASE_URL"),
                s.text("DATABASE_USER"),
                s.text("DATABASE_PASSWORD"),
                s.text("NOWSERVING_REDIS_PREFIX").orElse("ns:"),
                s.text("NOWSERVING_DEFAULT_LANGUAGE").orElse("zh-TW"),
                s.bool("NOWSERVING_TEST_CLOCK", false),
                s.integer("NOWSERVING_MAX_BODY_BYTES", 16 * 1024),
                s.integer("NOWSERVING_SHUTDOWN_GRACE_MS", 5000),
                s.text("NOWSERVING_ADMIN_PASSWORD"),
                s.integer("NOWSERVING_PASSWORD_COST", 19),
                s.integer("NOWSERVING_SESSION_TTL_MINUTES", 720),
                s.integer("NOWSERVING_PRESENCE_TTL_SECONDS", 120),
                s.integer("NOWSERVING_RATE_LIMIT_PER_MINUTE", 30),
                s.list("NOWSERVING_TRUSTED_PROXIES"),
                s.list("NOWSERVING_CORS_ORIGINS"),
                s.integer("NOWSERVING_METRICS_PORT", 0),
                s.text("NOWSERVING_METRICS_TOKEN"),

                s.integer("NOWSERVING_LEASE_TTL_MS", 15000),
                streamKeep(s)[0],
                streamKeep(s)[1],
                s.integer("NOWSERVING_STREAM_ALARM_ENTRIES", 1_000_000),
                s.integer("NOWSERVING_RETENTION_DAYS", 30),
                s.integer("NOWSERVING_FEED_CONNECTIONS_PER_ADDRESS", 20),
                new NotifySettings(s.text("NOWSERVING_LINE_CHANNEL_SECRET"), s.text("NOWSERVING_LINE_CHANNEL_ACCESS_TOKEN"),
                        s.text("NOWSERVING_LINE_API_URL").orElse("https://api.line.me").replaceAll("/+$", ""),
                        s.text("NOWSERVING_LINE_BRANCH").orElse("main"),
                        s.integer("NOWSERVING_NOTIFY_AHEAD", 3),
                        s.integer("NOWSERVING_LINE_PUSH_PER_SECOND", 10),
                        s.text("NOWSERVING_NOTIFY_WEBHOOK_URL"), s.text("NOWSERVING_NOTIFY_WEBHOOK_SECRET"),
                        s.integer("NOWSERVING_NOTIFY_WEBHOOK_PER_SECOND", 10)));
    }

    private static final Pattern KEEP = Pattern.compile(
            "(\\d{1,9})\\s*(?:events?)?\\s*[/,]\\s*(\\d{1,6})\\s*(?:m|min|minutes?)?", Pattern.CASE_INSENSITIVE);

    /** {@code NOWSERVING_STREAM_KEEP}: "1000/30" or "1000 events / 30 min" — at least these events and minutes. */
    private static int[] streamKeep(Source s) {
        return s.text("NOWSERVING_STREAM_KEEP").map(v -> {
            Matcher m = KEEP.matcher(v);
            if (!m.matches()) {
                throw new IllegalArgumentException("NOWSERVING_STREAM_KEEP must be <events>/<minutes> such as"
                        + " 1000/30, was '" + v + "'");
            }
            return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
        }).orElse(new int[] {1000, 30});
    }

    /** The settings for the one start-up log line: secrets are masked. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("httpPort", httpPort);
        m.put("bind", bind);
        m.put("publicUrl", publicUrl.orElse("(derived)"));
        m.put("dataDir", dataDir);
        m.put("seedDemo", seedDemo);
        m.put("redis", redisUrl.map(Settings::maskUrl).orElse("(embedded)")
                + redisCaFile.map(ca -> ", TLS trusting " + ca).orElse(""));
        m.put("database", databaseUrl.map(Settings::maskUrl).orElse("(embedded H2)"));
        m.put("redisPrefix", redisPrefix);
        m.put("defaultLanguage", defaultLanguage);
        m.put("testClock", testClock);
        m.put("adminPassword", adminPassword.isPresent() ? "(set)" : "(generated at first start)");
        m.put("passwordCostMiB", passwordCost);
        m.put("sessionTtlMinutes", sessionTtlMinutes);
        m.put("presenceTtlSeconds", presenceTtlSeconds);
        m.put("rateLimitPerMinute", rateLimitPerMinute);
        m.put("trustedProxies", trustedProxies);
        m.put("corsOrigins", corsOrigins);
        m.put("metrics", metricsPort > 0 ? "port " + metricsPort : metricsToken.isPresent() ? "token (set)" : "off");
        m.put("leaseTtlMs", leaseTtlMs);
        m.put("streamKeep", streamKeepEvents + " events / " + streamKeepMinutes + " min");
        m.put("streamAlarmEntries", streamAlarmEntries);
        m.put("retentionDays", retentionDays);
        m.put("feedConnectionsPerAddress", feedConnectionsPerAddress);
        NotifySettings n = notifications;
        m.put("line", n.lineEnabled() ? "on (secret and token set), branch " + n.lineBranch() + ", API "
                + n.lineApiUrl() + ", " + n.linePushPerSecond() + " pushes/s" : "off");
        m.put("notifyAhead", notifications.ahead());
        m.put("notifyWebhook", notifications.webhookUrl().map(Settings::maskUrl)
                .map(u -> u + " (secret set), " + notifications.webhookPerSecond() + "/s").orElse("off"));
        return m;
    }

    static String maskUrl(String url) {
        return url.replaceAll("//[^@/]*@", "//***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private record Source(Map<String, String> env, Function<String, String> properties) {
        Optional<String> text(String name) {
            String prop = name.toLowerCase(Locale.ROOT).replace('_', '.');
            String v = properties.apply(prop);
            if (v == null) {
                v = env.get(name);
            }
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
        }

        List<String> list(String name) {
            return text(name).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty())
                    .toList()).orElse(List.of());
        }

        int integer(String name, int fallback) {
            return text(name).map(v -> {
                try {
                    return Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " must be a whole number, was '" + v + "'");
                }
            }).orElse(fallback);
        }

        boolean bool(String name, boolean fallback) {
            return text(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "on" -> true;
                case "false", "0", "no", "off" -> false;
                default -> throw new IllegalArgumentException(name + " must be true or false, was '" + v + "'");
            }).orElse(fallback);
        }
    }
}
