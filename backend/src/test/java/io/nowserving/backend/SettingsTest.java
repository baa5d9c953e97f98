package io.nowserving.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaultsMatchTheReadme() {
        Settings s = Settings.from(Map.of(), name -> null);
        assertEquals(8080, s.httpPort());
        assertEquals("0.0.0.0", s.bind());
        assertEquals(Path.of(System.getProperty("user.home"), ".nowserving"), s.dataDir());
        assertTrue(s.seedDemo());
        assertTrue(s.redisUrl().isEmpty());
        assertTrue(s.databaseUrl().isEmpty());
        assertEquals("ns:", s.redisPrefix());
        assertEquals("zh-TW", s.defaultLanguage());
        assertFalse(s.testClock());
        assertTrue(s.adminPassword().isEmpty(), "no default password");
        assertEquals(19, s.passwordCost());
        assertEquals(720, s.sessionTtlMinutes());
        assertEquals(120, s.presenceTtlSeconds());
        assertEquals(30, s.rateLimitPerMinute());
        assertTrue(s.trustedProxies().isEmpty());
        assertTrue(s.corsOrigins().isEmpty());
        assertEquals(0, s.metricsPort());
        assertTrue(s.metricsToken().isEmpty());
        assertEquals(30, s.retentionDays());
    }

    @Test
    void authSettingsAreValidatedAndTheirSecretsNeverDescribed() {
        assertThrows(IllegalArgumentException.class, () -> Settings.from(Map.of("NOWSERVING_ADMIN_PASSWORD", "short"), n -> null));
        assertThrows(IllegalArgumentException.class, () -> Settings.from(Map.of("NOWSERVING_TRUSTED_PROXIES", "proxy.lan"), n -> null));
        assertThrows(IllegalArgumentException.class, () -> Settings.from(Map.of("NOWSERVING_TRUSTED_PROXIES", "10.0.0.0/40"), n -> null));
        Settings s = Settings.from(Map.of("NOWSERVING_ADMIN_PASSWORD", "very-secret-owner", "NOWSERVING_METRICS_TOKEN",
                "very-secret-metrics", "NOWSERVING_TRUSTED_PROXIES", "10.0.0.0/8, ::1"), n -> null);
        assertEquals(java.util.List.of("10.0.0.0/8", "::1"), s.trustedProxies());
        String text = s.describe().toString();
        assertFalse(text.contains("very-secret"), text);
    }

    @Test
    void lineSettingsGoTogetherAndTheirSecretsAreNeverDescribed() {
        io.nowserving.backend.notify.NotifySettings off = Settings.from(Map.of(), n -> null).notifications();
        assertFalse(off.lineEnabled());
        assertEquals("https://api.line.me", off.lineApiUrl());
        assertEquals("main", off.lineBranch());
        assertEquals(3, off.ahead());
        assertEquals(10, off.linePushPerSecond());
        assertThrows(IllegalArgumentException.class, () -> Settings.from(Map.of("NOWSERVING_LINE_CHANNEL_SECRET",
                "very-secret-line"), n -> null), "a secret without a token");
        assertThrows(IllegalArgumentException.class, () -> Settings.from(Map.of("NOWSERVING_LINE_PUSH_PER_SECOND",
                "0"), n -> null));
        assertThrows(IllegalArgumentException.class, () -> Settings.from(Map.of("NOWSERVING_LINE_API_URL",
                "api.line.me"), n -> null));
        Settings on = Settings.from(Map.of("NOWSERVING_LINE_CHANNEL_SECRET", "very-secret-line",
                "NOWSERVING_LINE_CHANNEL_ACCESS_TOKEN", "very-secret-token", "NOWSERVING_LINE_API_URL",
                "http://127.0.0.1:9/", "NOWSERVING_NOTIFY_AHEAD", "5"), n -> null);
        assertTrue(on.notifications().lineEnabled());
        assertEquals("http://127.0.0.1:9", on.notifications().lineApiUrl());
        assertEquals(5, on.notifications().ahead());
        String text = on.describe().toString();
        assertFalse(text.contains("very-secret"), text);
        assertTrue(text.contains("line=on"), text);
        assertThrows(IllegalArgumentException.class, () -> Settings.from(Map.of("NOWSERVING_NOTIFY_WEBHOOK_URL",
                "https://sms.example/hook"), n -> null), "a webhook without its secret");
        Settings hook = Settings.from(Map.of("NOWSERVING_NOTIFY_WEBHOOK_URL", "https://sms.example/hook",
                "NOWSERVING_NOTIFY_WEBHOOK_SECRET", "very-secret-webhook-key"), n -> null);
        assertEquals(10, hook.notifications().webhookPerSecond());
        assertFalse(hook.describe().toString().contains("very-secret"), hook.describe().toString());
    }

    @Test
    void theStreamKeepIsReadInEitherSpelling() {
        Settings plain = Settings.from(Map.of("NOWSERVING_STREAM_KEEP", "500/10"), n -> null);
        assertEquals(500, plain.streamKeepEvents());
        assertEquals(10, plain.streamKeepMinutes());
        Settings words = Settings.from(Map.of("NOWSERVING_STREAM_KEEP", "2000 events / 45 min"), n -> null);
        assertEquals(2000, words.streamKeepEvents());
        assertEquals(45, words.streamKeepMinutes());
        Settings defaults = Settings.from(Map.of(), n -> null);
        assertEquals(1000, defaults.streamKeepEvents());
        assertEquals(30, defaults.streamKeepMinutes());
        assertEquals(1_000_000, defaults.streamAlarmEntries());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Map.of("NOWSERVING_STREAM_KEEP", "lots"), n -> null));
        assertTrue(bad.getMessage().contains("NOWSERVING_STREAM_KEEP"), bad.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Map.of("NOWSERVING_STREAM_KEEP", "0/30"), n -> null));
    }

    @Test
    void systemPropertiesWinOverEnvironmentVariables() {
        Settings s = Settings.from(Map.of("NOWSERVING_HTTP_PORT", "9000", "NOWSERVING_BIND", "127.0.0.1"),
                name -> name.equals("nowserving.http.port") ? "9100" : null);
        assertEquals(9100, s.httpPort());
        assertEquals("127.0.0.1", s.bind());
    }

    @Test
    void badValuesAreRefusedWithTheVariableNamed() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Map.of("NOWSERVING_HTTP_PORT", "eighty"), n -> null));
        assertTrue(port.getMessage().contains("NOWSERVING_HTTP_PORT"));
        assertThrows(IllegalArgumentException.class, () -> Settings.from(Map.of("NOWSERVING_SEED_DEMO", "maybe"), n -> null));
        assertThrows(IllegalArgumentException.class, () -> Settings.from(Map.of("NOWSERVING_REDIS_PREFIX", "a b"), n -> null));
        assertThrows(IllegalArgumentException.class, () -> Settings.from(Map.of("REDIS_CLUSTER", "true"), n -> null));
        for (String days : new String[] {"0", "-1", "3651", "thirty"}) {
            IllegalArgumentException retention = assertThrows(IllegalArgumentException.class,
                    () -> Settings.from(Map.of("NOWSERVING_RETENTION_DAYS", days), n -> null));
            assertTrue(retention.getMessage().contains("NOWSERVING_RETENTION_DAYS"), retention.getMessage());
        }
        assertEquals(7, Settings.from(Map.of("NOWSERVING_RETENTION_DAYS", "7"), n -> null).retentionDays());
    }

    @Test
    void theStartUpDescriptionMasksSecrets() {
        Settings s = Settings.from(Map.of("REDIS_URL", "redis://user:s3cret@db:6379",
                "DATABASE_URL", "jdbc:postgresql://h/db?user=u&password=s3cret"), n -> null);
        String text = s.describe().toString();
        assertFalse(text.contains("s3cret"), text);
    }
}
