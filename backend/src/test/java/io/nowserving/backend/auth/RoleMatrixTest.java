package io.nowserving.backend.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nowserving.backend.testing.SseReader;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import io.nowserving.backend.testing.TestBranches;
import io.nowserving.backend.web.HttpServer.RouteInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route the server registered (read from Javalin as routes are added, so a new route cannot be left out)
 * times every kind of caller, against a table written out by hand. A request is "denied" when it answers 401,
 * 403 or 404 (a ticket without its token is 404 by design: indistinguishable from no ticket); every other
 * answer, 400 and 409 included, got past the access check.
 */
class RoleMatrixTest {
    private static final Set<String> EVERYONE = Set.of("anonymous", "holder", "otherClerk", "clerk", "admin", "owner",
            "display", "kiosk");
    private static final Set<String> STAFF = Set.of("clerk", "admin", "owner");

    private static Map<String, Set<String>> expected() {
        Map<String, Set<String>> t = new LinkedHashMap<>();
        t.put("GET /healthz", EVERYONE);
        t.put("GET /readyz", EVERYONE);
        t.put("GET /metrics", Set.of());
        t.put("GET /api/v1/version", EVERYONE);
        t.put("GET /api/v1/openapi.json", EVERYONE);
        t.put("POST /api/v1/auth/login", EVERYONE);
        t.put("POST /api/v1/auth/logout", Set.of("otherClerk", "clerk", "admin", "owner"));
        t.put("POST /api/v1/auth/password", Set.of("otherClerk", "clerk", "admin", "owner"));
        t.put("GET /api/v1/users", Set.of("owner"));
        t.put("POST /api/v1/users/{u}", Set.of("owner"));
        t.put("PATCH /api/v1/users/{u}", Set.of("owner"));
        t.put("DELETE /api/v1/users/{u}", Set.of("owner"));
        t.put("GET /api/v1/branches", EVERYONE);
        t.put("GET /api/v1/branches/{b}", EVERYONE);
        t.put("GET /api/v1/branches/{b}/presence", Set.of("display", "kiosk"));
        t.put("GET /api/v1/branches/{b}/devices", Set.of("admin", "owner"));
        t.put("POST /api/v1/branches/{b}/devices", Set.of("admin", "owner"));
        t.put("DELETE /api/v1/branches/{b}/devices/{d}", Set.of("admin", "owner"));
        t.put("POST /api/v1/branches/{b}/tickets", Set.of("anonymous", "holder", "clerk", "admin", "owner", "kiosk"));
        t.put("GET /api/v1/branches/{b}/tickets", STAFF);
        t.put("GET /api/v1/branches/{b}/tickets/{id}", Set.of("holder", "clerk", "admin", "owner"));
        t.put("DELETE /api/v1/branches/{b}/tickets/{id}", Set.of("holder"));
        t.put("POST /api/v1/branches/{b}/tickets/{id}/return", Set.of("holder", "clerk", "admin", "owner", "kiosk"));
        for (String action : List.of("call-next", "call/{ticket}", "recall", "complete", "no-show", "reopen",
                "transfer", "sign-in", "sign-out", "open", "pause", "close")) {
            t.put("POST /api/v1/branches/{b}/counters/{c}/" + action, STAFF);
        }
        t.put("PUT /api/v1/test/branches/{b}/clock", STAFF);
        t.put("PUT /api/v1/branches/{b}", Set.of("owner"));
        t.put("DELETE /api/v1/branches/{b}", Set.of("owner"));
        t.put("GET /api/v1/branches/{b}/events", EVERYONE);
        t.put("POST /api/v1/branches/{b}/tickets/{id}/stream-token", Set.of("holder"));
        t.put("GET /api/v1/branches/{b}/tickets/{id}/events", Set.of());
        t.put("GET /api/v1/branches/{b}/config", Set.of("admin", "owner"));
        t.put("GET /api/v1/branches/{b}/history", Set.of("admin", "owner"));
        t.put("GET /api/v1/branches/{b}/history.csv", Set.of("admin", "owner"));
        t.put("PUT /api/v1/branches/{b}/services/{s}", Set.of("admin", "owner"));
        t.put("DELETE /api/v1/branches/{b}/services/{s}", Set.of("admin", "owner"));
        t.put("PUT /api/v1/branches/{b}/counters/{c}", Set.of("admin", "owner"));
        t.put("DELETE /api/v1/branches/{b}/counters/{c}", Set.of("admin", "owner"));
        t.put("GET /api/v1/branches/{b}/stats/hourly", Set.of("admin", "owner"));
        t.put("GET /api/v1/branches/{b}/stats/summary", Set.of("admin", "owner"));
        t.put("GET /api/v1/branches/{b}/stats/heatmap", Set.of("admin", "owner"));
        t.put("GET /b/{b}", EVERYONE);
        t.put("GET /t/{b}/{id}", EVERYONE);
        t.put("GET /sw.js", EVERYONE);
        t.put("POST /line/webhook", Set.of()); // off here (no LINE secret): 404 for everyone; signed otherwise
        t.put("GET /api/v1/notifications", Set.of("owner"));
        t.put("GET /api/v1/notifications/dead-letters", Set.of("owner"));
        t.put("POST /api/v1/notifications/dead-letters/{id}/replay", Set.of("owner"));
        t.put("POST /api/v1/notifications/pause", Set.of("owner"));
        t.put("POST /api/v1/notifications/resume", Set.of("owner"));
        return t;
    }

    @Test
    void everyRouteAdmitsExactlyTheCallersOfTheTable(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, Map.of("NOWSERVING_METRICS_TOKEN", "metrics-secret-for-tests"),
                TestBranches.branch("m1", 2, null), TestBranches.branch("m2", 1, null))) {
            Map<String, Set<String>> table = expected();
            List<RouteInfo> routes = backend.app().routes();
            assertEquals(new TreeSet<>(table.keySet()),
                    new TreeSet<>(routes.stream().map(r -> r.method() + " " + r.path()).toList()),
                    "the table names every registered route, and only those");

            backend.createUser("c1", "clerk-one-password", "clerk", "m1");
            backend.createUser("c2", "clerk-two-password", "clerk", "m2");
            backend.createUser("a1", "admin-one-password", "admin", "m1");
            Map<String, String> passwords = Map.of("otherClerk", "c2:clerk-two-password", "clerk", "c1:clerk-one-password",
                    "admin", "a1:admin-one-password", "owner", "admin:" + TestBackend.OWNER_PASSWORD);
            Map<String, String> tokens = new LinkedHashMap<>();
            passwords.forEach((who, up) -> tokens.put(who, login(backend, up)));
            tokens.put("display", backend.createDevice("m1", "display"));
            tokens.put("kiosk", backend.createDevice("m1", "kiosk"));

            AtomicInteger n = new AtomicInteger();
            Map<String, String> wrong = new TreeMap<>();
            for (RouteInfo route : routes) {
                String key = route.method() + " " + route.path();
                for (String caller : EVERYONE) {
                    // fresh targets for each request: an allowed DELETE must not leave a 404 to the next caller
                    Reply ticket = backend.issue("m1", "a");
                    String template = route.path();
                    if (template.endsWith("/services/{s}")) {
                        template = template.replace("{s}", freshService(backend, n.incrementAndGet()));
                    }
                    if (template.endsWith("/counters/{c}")) {
                        template = template.replace("{c}", freshCounter(backend, n.incrementAndGet()));
                    }
                    String path = template.replace("{b}", "m1").replace("{c}", "1")
                            .replace("{id}", ticket.body().get("id").asText())
                            .replace("{ticket}", ticket.body().get("id").asText());
                    if (path.contains("{d}")) {
                        path = path.replace("{d}", deviceId(backend));
                    }
                    if (path.contains("{u}")) {
                        path = path.replace("{u}", route.method().equals("POST") ? "new" + n.incrementAndGet()
                                : userToChange(backend, n.incrementAndGet()));
                    }
                    List<String> headers = new ArrayList<>();
                    if (caller.equals("holder")) {
                        headers.addAll(List.of("X-Ticket-Token", ticket.body().get("token").asText()));
                    }
                    String token = tokens.get(caller);
                    if (passwords.containsKey(caller) && key.equals("POST /api/v1/auth/logout")) {
                        token = login(backend, passwords.get(caller)); // keep the matrix's own session alive
                    }
                    if (token != null) {
                        headers.addAll(List.of("Authorization", "Bearer " + token));
                    }
                    String body = route.method().equals("GET") || route.method().equals("DELETE") ? null : "{}";
                    int status;
                    String answer;
                    if (route.path().endsWith("/events")) {
                        // a live feed never ends: read its status, then hang up
                        try (SseReader sse = SseReader.open(backend.uri(path), headers.toArray(String[]::new))) {
                            status = sse.status();
                            answer = "(event stream)";
                        }
                    } else {
                        Reply r = backend.send(route.method(), path, body, headers.toArray(String[]::new));
                        status = r.status();
                        answer = String.valueOf(r.body());
                    }
                    boolean allowed = status != 401 && status != 403 && status != 404;
                    if (allowed != table.get(key).contains(caller)) {
                        wrong.put(key + " as " + caller, status + " " + answer);
                    }
                }
            }
            assertEquals(Map.of(), wrong, "cells that disagree with the table");
            assertEquals(200, backend.get("/metrics", "Authorization", "Bearer metrics-secret-for-tests").status(),
                    "the metrics token itself is let in");
        }
    }

    private static String login(TestBackend backend, String userAndPassword) {
        String[] p = userAndPassword.split(":", 2);
        return TestBackend.tokenOf(backend.login(p[0], p[1]));
    }

    /** A service of its own for one request, so an allowed removal leaves nothing missing for the next. */
    private static String freshService(TestBackend backend, int n) {
        String prefix = "Q" + (char) ('A' + n % 26) + (char) ('A' + n / 26 % 26);
        backend.owner("PUT", "/api/v1/branches/m1/services/s" + n, "{\"name\":\"S\",\"prefix\":\"" + prefix
                + "\",\"targetWaitSeconds\":60,\"noShowGraceSeconds\":60}");
        return "s" + n;
    }

    private static String freshCounter(TestBackend backend, int n) {
        backend.owner("PUT", "/api/v1/branches/m1/counters/k" + n, "{\"name\":\"K\",\"services\":[\"a\"]}");
        return "k" + n;
    }

    private static String deviceId(TestBackend backend) {
        Reply r = backend.owner("POST", "/api/v1/branches/m1/devices", "{\"name\":\"spare\",\"role\":\"display\"}");
        return r.body().get("id").asText();
    }

    private static String userToChange(TestBackend backend, int n) {
        backend.createUser("u" + n, "someone-else-password", "clerk", "m1");
        return "u" + n;
    }
}
