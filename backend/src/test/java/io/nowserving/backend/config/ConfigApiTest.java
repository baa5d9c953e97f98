package io.nowserving.backend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.redis.EmbeddedRedis;
import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.Events;
import io.nowserving.backend.testing.RedisState;
import io.nowserving.backend.testing.SseReader;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import io.nowserving.backend.testing.TestBranches;
import io.nowserving.backend.web.MetaRoutes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigApiTest {
    private static final String SERVICE_C = "{\"name\":\"Passports\",\"prefix\":\"C\",\"dailyCapacity\":null,"
            + "\"targetWaitSeconds\":900,\"noShowGraceSeconds\":120}";

    @Test
    void aChangeThroughOneInstanceReachesAnotherAtOnce(@TempDir Path dir) throws Exception {
        try (TestBackend one = TestBackend.start(dir, TestBranches.branch("x1", 2, null));
             TestBackend two = one.startAnother();
             SseReader feed = SseReader.open(two.uri("/api/v1/branches/x1/events"))) {
            assertEquals(200, feed.status());
            feed.await(f -> "snapshot".equals(f.event()), Duration.ofSeconds(10));
            Reply put = one.owner("PUT", "/api/v1/branches/x1/services/c", SERVICE_C);
            assertEquals(200, put.status(), () -> put.body().toString());
            SseReader.Frame changed = feed.await(f -> "config.changed".equals(f.event()), Duration.ofSeconds(10));
            assertEquals(put.body().get("version").asLong(),
                    TestBackend.JSON.readTree(changed.data()).get("config").get("version").asLong(),
                    "the feed on instance 2 tells of the change at once");
            assertEquals(3, put.body().get("services").size());
            Reply ticket = two.issue("x1", "c");
            assertEquals(201, ticket.status(), "instance 2 issues in the new service at once");
            assertEquals("C001", ticket.body().get("number").asText());
            Reply counter = one.owner("PUT", "/api/v1/branches/x1/counters/9",
                    "{\"name\":\"Counter 9\",\"services\":[\"c\"]}");
            assertEquals(200, counter.status(), () -> counter.body().toString());
            assertEquals(200, two.counter("x1", "9", "open").status());
            assertEquals(ticket.body().get("id"), two.counter("x1", "9", "call-next").body().get("ticket").get("id"));
            JsonNode change = Events.ofType(two, "x1", "config.changed").get(2);
            assertEquals(counter.body().get("version").asLong(), change.get("config").get("version").asLong());
            Reply branch = one.owner("PUT", "/api/v1/branches/x1", "{\"name\":\"Renamed\",\"timeZone\":\"Asia/Taipei\","
                    + "\"remoteQueueing\":true}");
            assertEquals(200, branch.status(), () -> branch.body().toString());
            assertEquals("Renamed", two.get("/api/v1/branches/x1").body().get("name").asText());
            assertEquals(3, branch.body().get("counters").size(), "services and counters are kept");
        }
    }

    /** A removal while someone waits: 409 service_in_use, and SQL and Redis exactly as before. */
    private static void assertRemovalRefusedChangingNothing(TestBackend backend, String branch, String path) {
        JsonNode before = backend.owner("GET", "/api/v1/branches/" + branch + "/config", null).body();
        Map<String, Object> redisBefore = RedisState.capture(backend, branch);
        Reply refused = backend.owner("DELETE", path, null);
        assertEquals(409, refused.status());
        assertEquals("service_in_use", refused.code());
        assertEquals(before, backend.owner("GET", "/api/v1/branches/" + branch + "/config", null).body());
        assertEquals(redisBefore, RedisState.capture(backend, branch));
    }

    @Test
    void removingAServiceWithPeopleWaitingIsRefusedAndChangesNothing(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("x2", 2, null))) {
            backend.issue("x2", "b");
            assertRemovalRefusedChangingNothing(backend, "x2", "/api/v1/branches/x2/services/b");
            assertEquals(201, backend.issue("x2", "b").status(), "the service still takes tickets");

            backend.counter("x2", "1", "open");
            backend.counter("x2", "1", "call-next");
            assertEquals("counter_busy", backend.owner("DELETE", "/api/v1/branches/x2/counters/1", null).code());
            backend.counter("x2", "1", "call-next");
            backend.counter("x2", "1", "complete");
            Reply removed = backend.owner("DELETE", "/api/v1/branches/x2/services/b", null);
            assertEquals(200, removed.status(), () -> removed.body().toString());
            assertEquals("[\"a\"]", removed.body().get("counters").get(0).get("services").toString(),
                    "counters stop serving the removed service");
            assertEquals(404, backend.issue("x2", "b").status());
            assertEquals(200, backend.owner("DELETE", "/api/v1/branches/x2/counters/2", null).status());
            assertEquals(404, backend.counter("x2", "2", "open").status());
        }
    }

    @Test
    void aRemovalRacingAFloodOfTicketsNeverStrandsOne(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("x3", 2, null))) {
            backend.counter("x3", "1", "open");
            backend.counter("x3", "2", "open");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            AtomicBoolean flooding = new AtomicBoolean(true);
            List<String> issued = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Future<?>> work = new ArrayList<>();
            try {
                for (int t = 0; t < 5; t++) {
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < 40; i++) {
                            Reply r = backend.issue("x3", "b");
                            if (r.status() == 201) {
                                issued.add(r.body().get("id").asText());
                            } else {
                                assertTrue(r.status() == 409 || r.status() == 404, () -> "refused with " + r.body());
                            }
                        }
                        return null;
                    }));
                }
                for (String c : List.of("1", "2")) {
                    work.add(pool.submit(() -> {
                        while (flooding.get() || backend.redis().zcard(backend.keys().line("x3", "b")) > 0) {
                            backend.counter("x3", c, "call-next");
                        }
                        backend.counter("x3", c, "complete");
                        return null;
                    }));
                }
                Future<Integer> remover = pool.submit(() -> {
                    int tries = 0;
                    while (true) {
                        tries++;
                        Reply r = backend.owner("DELETE", "/api/v1/branches/x3/services/b", null);
                        if (r.status() == 200) {
                            return tries;
                        }
                        assertEquals("service_in_use", r.code());
                    }
                });
                for (Future<?> f : work.subList(0, 5)) {
                    f.get(120, TimeUnit.SECONDS);
                }
                flooding.set(false);
                int tries = remover.get(120, TimeUnit.SECONDS);
                for (Future<?> f : work) {
                    f.get(120, TimeUnit.SECONDS);
                }
                assertTrue(tries >= 1);
            } finally {
                pool.shutdownNow();
            }
            assertEquals(0, backend.redis().zcard(backend.keys().line("x3", "b")));
            for (String id : issued) {
                String status = backend.redis().hget(backend.keys().ticket("x3", id), "status");
                assertTrue(!"waiting".equals(status), "ticket " + id + " stranded in a removed service");
            }
            assertEquals(404, backend.issue("x3", "b").status());
        }
    }

    @Test
    void changingAServiceWithPeopleWaitingKeepsThemAllInTheirOrder(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("x6", 1, null))) {
            List<String> waiting = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                waiting.add(backend.issue("x6", "a").body().get("id").asText());
            }
            Reply changed = backend.owner("PUT", "/api/v1/branches/x6/services/a", "{\"name\":\"Renamed\","
                    + "\"prefix\":\"R\",\"dailyCapacity\":500,\"targetWaitSeconds\":60,\"noShowGraceSeconds\":30}");
            assertEquals(200, changed.status(), () -> changed.body().toString());
            assertEquals("R007", backend.issue("x6", "a").body().get("number").asText(),
                    "the new prefix numbers new tickets; the day's count goes on, so no number repeats");
            backend.counter("x6", "1", "open");
            for (String id : waiting) {
                assertEquals(id, backend.counter("x6", "1", "call-next").body().get("ticket").get("id").asText(),
                        "called in the order they came, none lost");
            }
        }
    }

    @Test
    void aServicesOwnNearThresholdIsKeptMirroredAndClearedAndOutOfRangeIsRefused(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("x8", 1, null))) {
            String path = "/api/v1/branches/x8/services/a";
            String body = "{\"name\":\"General\",\"prefix\":\"A\",\"targetWaitSeconds\":600,"
                    + "\"noShowGraceSeconds\":300";
            Reply set = backend.owner("PUT", path, body + ",\"notifyAhead\":5}");
            assertEquals(200, set.status(), () -> set.body().toString());
            assertEquals(5, set.body().get("services").get(0).get("notifyAhead").asInt());
            assertEquals("5", backend.redis().hget(backend.keys().serviceConfig("x8", "a"), "ahead"), "mirrored");
            JsonNode read = backend.owner("GET", "/api/v1/branches/x8/config", null).body();
            assertEquals(5, read.get("services").get(0).get("notifyAhead").asInt(), "kept in SQL");
            assertTrue(read.get("services").get(1).get("notifyAhead").isNull(), "b follows the global");

            Reply big = backend.owner("PUT", path, body + ",\"notifyAhead\":101}");
            assertEquals(400, big.status());
            assertEquals("invalid_request", big.code());
            assertTrue(big.body().get("detail").asText().startsWith("notifyAhead must be 0 (no message) to 100"),
                    big.body().toString());

            assertEquals(200, backend.owner("PUT", path, body + ",\"notifyAhead\":0}").status());
            assertEquals("0", backend.redis().hget(backend.keys().serviceConfig("x8", "a"), "ahead"), "0: off");
            Reply cleared = backend.owner("PUT", path, body + "}");
            assertEquals(200, cleared.status());
            assertTrue(cleared.body().get("services").get(0).get("notifyAhead").isNull(), "left out: the global");
            assertEquals(null, backend.redis().hget(backend.keys().serviceConfig("x8", "a"), "ahead"));
        }
    }

    @Test
    void removingABranchIsRefusedWhileAnyoneWaitsAndChangesNothing(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("x7", 2, null))) {
            backend.issue("x7", "b");
            assertRemovalRefusedChangingNothing(backend, "x7", "/api/v1/branches/x7");
            assertEquals(201, backend.issue("x7", "a").status(), "the branch still takes tickets");

            backend.counter("x7", "1", "open");
            backend.counter("x7", "1", "call-next");
            backend.counter("x7", "1", "call-next");
            Reply busy = backend.owner("DELETE", "/api/v1/branches/x7", null);
            assertEquals("counter_busy", busy.code(), () -> busy.body().toString());
            assertEquals(403, backend.staff("DELETE", "/api/v1/branches/x7", null).status(), "owners only");
        }
    }

    @Test
    void aRemovedBranchIsGoneEverywhereAndItsIdCanBeUsedAgain(@TempDir Path dir) throws Exception {
        try (TestBackend one = TestBackend.start(dir, TestBranches.branch("x8", 2, null));
             TestBackend two = one.startAnother();
             SseReader feed = SseReader.open(two.uri("/api/v1/branches/x8/events"))) {
            feed.await(f -> "snapshot".equals(f.event()), Duration.ofSeconds(10));
            String ticket = one.issue("x8", "a").body().get("id").asText();
            one.counter("x8", "1", "open");
            one.counter("x8", "1", "call-next");
            one.counter("x8", "1", "complete");
            String display = one.createDevice("x8", "display");
            assertEquals(200, one.sendAs(display, "GET", "/api/v1/branches/x8/presence", null).status());

            Reply removed = one.owner("DELETE", "/api/v1/branches/x8", null);
            assertEquals(204, removed.status(), () -> String.valueOf(removed.body()));
            feed.await(f -> "config.changed".equals(f.event()), Duration.ofSeconds(10));
            for (TestBackend b : List.of(one, two)) {
                assertEquals(404, b.get("/api/v1/branches/x8").status());
                assertEquals(404, b.issue("x8", "a").status());
                assertEquals(404, b.owner("GET", "/api/v1/branches/x8/config", null).status());
                assertEquals(404, b.counter("x8", "1", "open").status());
                assertTrue(b.get("/api/v1/branches").body().findValues("id").stream()
                        .noneMatch(id -> id.asText().equals("x8")));
            }
            assertEquals(401, two.sendAs(display, "GET", "/api/v1/branches/x8/presence", null).status(),
                    "the branch's devices are revoked");
            assertEquals(404, one.owner("DELETE", "/api/v1/branches/x8", null).status());
            assertTrue(one.redis().keys(one.keys().cfg("x8").replace("cfg", "cfg:*")).isEmpty(),
                    "no service or counter configuration left in Redis");

            Reply again = one.owner("PUT", "/api/v1/branches/x8", "{\"name\":\"Again\",\"timeZone\":\"Asia/Taipei\","
                    + "\"remoteQueueing\":true}");
            assertEquals(200, again.status(), () -> again.body().toString());
            assertEquals(0, again.body().get("services").size(), "created afresh, without the old services");
            assertEquals(200, one.owner("PUT", "/api/v1/branches/x8/services/a", SERVICE_C).status());
            Reply next = two.issue("x8", "a");
            assertEquals(201, next.status(), () -> next.body().toString());
            assertTrue(two.get("/api/v1/branches/x8").status() == 200);
            assertTrue(!ticket.equals(next.body().get("id").asText()));
        }
    }

    @Test
    void aBranchRemovalRacingAFloodOfTicketsNeverStrandsOne(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("x9", 2, null))) {
            backend.counter("x9", "1", "open");
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<String> issued = java.util.Collections.synchronizedList(new ArrayList<>());
            try {
                List<Future<?>> floods = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    floods.add(pool.submit(() -> {
                        for (int i = 0; i < 40; i++) {
                            Reply r = backend.issue("x9", i % 2 == 0 ? "a" : "b");
                            if (r.status() == 201) {
                                issued.add(r.body().get("id").asText());
                            } else {
                                assertTrue(r.status() == 409 || r.status() == 404, () -> "refused with " + r.body());
                            }
                        }
                        return null;
                    }));
                }
                Future<?> clerk = pool.submit(() -> {
                    while (true) {
                        Reply r = backend.counter("x9", "1", "call-next");
                        if (r.status() == 404) {
                            return null; // the branch is gone
                        }
                        assertEquals(200, r.status(), () -> r.body().toString());
                    }
                });
                Future<Integer> remover = pool.submit(() -> {
                    int tries = 0;
                    while (true) {
                        tries++;
                        Reply r = backend.owner("DELETE", "/api/v1/branches/x9", null);
                        if (r.status() == 204) {
                            return tries;
                        }
                        assertTrue(Set.of("service_in_use", "counter_busy").contains(r.code()), r::code);
                    }
                });
                for (Future<?> f : floods) {
                    f.get(120, TimeUnit.SECONDS);
                }
                assertTrue(remover.get(120, TimeUnit.SECONDS) >= 1);
                clerk.get(120, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            for (String s : List.of("a", "b")) {
                assertEquals(0, backend.redis().zcard(backend.keys().line("x9", s)));
            }
            for (String id : issued) {
                String status = backend.redis().hget(backend.keys().ticket("x9", id), "status");
                assertEquals("completed", status, "ticket " + id + " left " + status + " in a removed branch");
            }
        }
    }

    @Test
    void aBranchWithDaylightSavingOpensAndClosesAtLocalTimesAcrossTheChange(@TempDir Path dir) {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZoneOffsetTransition change = berlin.getRules().nextTransition(Instant.now());
        OpeningHours nineToFive = OpeningHours.everyDay(new OpeningHours.Interval(
                java.time.LocalTime.of(9, 0), java.time.LocalTime.of(17, 0)));
        try (TestBackend backend = TestBackend.start(dir,
                TestBranches.branch("dst", 1, null, berlin, nineToFive))) {
            for (int days : new int[] {-1, 1}) {
                LocalDateTime day = change.getDateTimeBefore().toLocalDate().plusDays(days).atStartOfDay();
                for (int[] hm : new int[][] {{8, 55, 409}, {9, 5, 201}, {16, 55, 201}, {17, 5, 409}}) {
                    Instant at = day.withHour(hm[0]).withMinute(hm[1]).atZone(berlin).toInstant();
                    backend.moveClock("dst", at.toEpochMilli() - System.currentTimeMillis());
                    Reply r = backend.issue("dst", "a");
                    assertEquals(hm[2], r.status(), "at " + day.toLocalDate() + " " + hm[0] + ":" + hm[1] + " local");
                }
            }
        }
    }

    @Test
    void aMirrorInterruptedByARedisOutageCatchesUpAfterIt(@TempDir Path dir) throws Exception {
        EmbeddedRedis redis = EmbeddedRedis.start(dir.resolve("own-redis"));
        try (TestBackend backend = TestBackend.start(dir, Map.of("REDIS_URL", redis.url()),
                TestBranches.branch("x4", 1, null))) {
            redis.close();
            // staff sessions live in Redis, so the change is made the way the route makes it
            BranchConfig saved = backend.app().configService().putService("x4", "c",
                    new io.nowserving.shared.api.ServiceSettings("Passports", "C", null, 900, 120));
            assertEquals(3, saved.services().size(), "committed in SQL while Redis is down");
            // readiness is refreshed in the background: a dead Redis shows within its staleness bound
            Await.until(MetaRoutes.STALE.plusSeconds(5), "readiness reports the dead Redis",
                    () -> backend.get("/readyz").status() == 503);
            redis = EmbeddedRedis.start(dir.resolve("own-redis"));
            Await.within(java.time.Duration.ofSeconds(60), () -> backend.get("/readyz").status() == 200);
            assertEquals(200, backend.get("/readyz").status(), () -> backend.get("/readyz").body().toString());
            assertEquals(201, backend.issue("x4", "c").status(), "the change reached Redis after the outage");
        } finally {
            redis.close();
        }
    }

    @Test
    void badInputOnEveryConfigurationRouteChangesNothing(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("x5", 2, null))) {
            backend.issue("x5", "a"); // the branch's first day has begun: nothing later writes on its own
            JsonNode before = backend.owner("GET", "/api/v1/branches/x5/config", null).body();
            Map<String, Object> redisBefore = RedisState.capture(backend, "x5");
            String[][] cases = {
                {"PUT", "/api/v1/branches/x5", "{\"name\":\"N\",\"timeZone\":\"Mars/Olympus\"}", "400"},
                {"PUT", "/api/v1/branches/x5", "{\"name\":\"\",\"timeZone\":\"Asia/Taipei\"}", "400"},
                {"PUT", "/api/v1/branches/x5", "{\"name\":\"N\",\"timeZone\":\"Asia/Taipei\",\"businessDayStart\":\"25:00\"}", "400"},
                {"PUT", "/api/v1/branches/x5", "{\"name\":\"N\",\"timeZone\":\"Asia/Taipei\",\"openingHours\":{\"mon\":[[\"17:00\",\"08:00\"]]}}", "400"},
                {"PUT", "/api/v1/branches/x5", "{\"name\":\"N\",\"timeZone\":\"Asia/Taipei\",\"closedDays\":[\"someday\"]}", "400"},
                {"PUT", "/api/v1/branches/X_5", "{\"name\":\"N\",\"timeZone\":\"Asia/Taipei\"}", "400"},
                {"PUT", "/api/v1/branches/x5/services/c", "{\"name\":\"C\",\"prefix\":\"A\",\"targetWaitSeconds\":1,\"noShowGraceSeconds\":1}", "400"},
                {"PUT", "/api/v1/branches/x5/services/c", "{\"name\":\"C\",\"prefix\":\"c1\",\"targetWaitSeconds\":1,\"noShowGraceSeconds\":1}", "400"},
                {"PUT", "/api/v1/branches/x5/services/c", "{\"name\":\"C\",\"prefix\":\"C\",\"dailyCapacity\":0,\"targetWaitSeconds\":1,\"noShowGraceSeconds\":1}", "400"},
                {"PUT", "/api/v1/branches/x5/services/c", "{\"name\":\"C\",\"prefix\":\"C\",\"targetWaitSeconds\":\"soon\",\"noShowGraceSeconds\":1}", "400"},
                {"PUT", "/api/v1/branches/x5/services/c", "{\"name\":\"C\",\"prefix\":\"C\"}", "400"},
                {"PUT", "/api/v1/branches/x5/services/c", "{\"name\":\"C\",\"prefix\":\"C\",\"targetWaitSeconds\":-1,\"noShowGraceSeconds\":1}", "400"},
                {"PUT", "/api/v1/branches/x5/services/c", "{\"name\":\"C\",\"prefix\":\"C\",\"targetWaitSeconds\":1,\"noShowGraceSeconds\":1,\"notifyAhead\":101}", "400"},
                {"PUT", "/api/v1/branches/x5/services/c", "{\"name\":\"C\",\"prefix\":\"C\",\"targetWaitSeconds\":1,\"noShowGraceSeconds\":1,\"notifyAhead\":-1}", "400"},
                {"PUT", "/api/v1/branches/nowhere/services/c", SERVICE_C, "404"},
                {"PUT", "/api/v1/branches/x5/counters/3", "{\"name\":\"C3\",\"services\":[\"zz\"]}", "400"},
                {"PUT", "/api/v1/branches/x5/counters/3", "{\"name\":\"C3\",\"services\":\"a\"}", "400"},
                {"PUT", "/api/v1/branches/x5/counters/3", "{\"name\":\"C3\",\"services\":[\"a\"],\"extra\":1}", "400"},
                {"PUT", "/api/v1/branches/x5/counters/3", "{\"name\":", "400"},
                {"DELETE", "/api/v1/branches/x5/services/zz", null, "404"},
                {"DELETE", "/api/v1/branches/x5/counters/9", null, "404"},
                {"DELETE", "/api/v1/branches/nowhere/counters/1", null, "404"},
            };
            for (String[] c : cases) {
                Reply r = backend.owner(c[0], c[1], c[2]);
                assertEquals(Integer.parseInt(c[3]), r.status(), () -> c[0] + " " + c[1] + " " + c[2] + " -> " + r.body());
                assertEquals("application/problem+json", r.header("Content-Type").split(";")[0]);
            }
            assertEquals(before, backend.owner("GET", "/api/v1/branches/x5/config", null).body(), "SQL unchanged");
            assertEquals(redisBefore, RedisState.capture(backend, "x5"), "Redis unchanged");
        }
    }
}
