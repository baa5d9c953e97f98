package io.nowserving.backend.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Every log line of a full scenario (start, sign-ins good and bad, users, devices, presence, web, kiosk and staff
 * tickets, counter work, password change, logout, a query string with a secret, shutdown) holds no token,
 * password, client address or cookie value.
 */
class LogRedactionTest {
    private static final String CLIENT = "203.0.113.77";

    @Test
    void noSecretTokenPasswordClientAddressOrCookieReachesTheLog(@TempDir Path dir) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        List<String> secrets = new ArrayList<>(List.of(TestBackend.OWNER_PASSWORD, TestBackend.CLERK_PASSWORD,
                CLIENT, "metrics-secret-in-logs-test", "wrong-password-x1", "new-password-of-sam"));
        try (TestBackend backend = TestBackend.start(dir, Map.of("NOWSERVING_TRUSTED_PROXIES", "127.0.0.1,::1",
                "NOWSERVING_METRICS_TOKEN", "metrics-secret-in-logs-test"), TestBranches.branch("lg", 2, null))) {
            String[] xff = {"X-Forwarded-For", CLIENT};
            secrets.add(backend.ownerToken());
            secrets.add(backend.clerkToken());
            backend.createUser("sam", "sams-first-password", "admin", "lg");
            secrets.add("sams-first-password");
            backend.login("sam", "wrong-password-x1", xff);
            String sam = TestBackend.tokenOf(backend.login("sam", "sams-first-password", xff));
            secrets.add(sam);
            String display = backend.createDevice("lg", "display");
            String kiosk = backend.createDevice("lg", "kiosk");
            secrets.addAll(List.of(display, kiosk));
            String presence = backend.sendAs(display, "GET", "/api/v1/branches/lg/presence", null, xff).body()
                    .get("token").asText();
            secrets.add(presence);
            Reply web = backend.post("/api/v1/branches/lg/tickets", "{\"service\":\"a\",\"presence\":\"" + presence
                    + "\"}", xff);
            String cookie = web.header("Set-Cookie").split(";")[0];
            secrets.add(cookie.substring(cookie.indexOf('=') + 1));
            secrets.add(web.body().get("token").asText());
            Reply again = backend.post("/api/v1/branches/lg/tickets", "{\"service\":\"a\"}", "Cookie", cookie,
                    "X-Forwarded-For", CLIENT);
            secrets.add(again.body().get("token").asText());
            secrets.add(backend.sendAs(kiosk, "POST", "/api/v1/branches/lg/tickets", "{\"service\":\"b\"}", xff)
                    .body().get("token").asText());
            backend.get("/api/v1/branches/lg/tickets/" + web.body().get("id").asText() + "?st=query-secret-zz",
                    "X-Ticket-Token", again.body().get("token").asText());
            secrets.add("query-secret-zz");
            backend.counter("lg", "1", "open");
            backend.counter("lg", "1", "call-next");
            backend.get("/api/v1/branches/lg/tickets", "Authorization", "Bearer " + "f".repeat(43), "X-Forwarded-For",
                    CLIENT);
            secrets.add("f".repeat(43));
            backend.get("/metrics", "Authorization", "Bearer metrics-secret-in-logs-test");
            backend.sendAs(sam, "POST", "/api/v1/auth/password", "{\"currentPassword\":\"sams-first-password\","
                    + "\"newPassword\":\"new-password-of-sam\"}", xff);
            backend.sendAs(backend.clerkToken(), "POST", "/api/v1/auth/logout", null, xff);
            backend.post("/api/v1/auth/login", "{\"username\":\"sam\",\"password\":", xff); // malformed
        } finally {
            root.detachAppender(appender);
        }
        List<String> lines = appender.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("POST /api/v1/branches/{b}/tickets 201")),
                "the access log was captured");
        List<String> leaks = lines.stream().filter(l -> secrets.stream().anyMatch(l::contains)).toList();
        assertEquals(List.of(), leaks);
    }
}
