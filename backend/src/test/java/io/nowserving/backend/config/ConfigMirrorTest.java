package io.nowserving.backend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.ScriptRunner;
import io.nowserving.backend.testing.Events;
import io.nowserving.backend.testing.RedisState;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigMirrorTest {

    @Test
    void theMirrorIsVersionedAndAnnouncesEachNewVersion(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("m1", 2, null))) {
            ScriptRunner scripts = new ScriptRunner(backend.redis());
            ConfigMirror mirror = new ConfigMirror(null, scripts, backend.keys(), new Ids(Clock.systemUTC()),
                    TestBackend.JSON, Clock.systemUTC(), b -> 0);
            BranchConfig v1 = TestBranches.branch("m1", 2, null);
            BranchConfig at1 = withVersion(v1, 1);
            assertEquals("zone", mirror.mirror(at1), "the same version only refreshes zone offsets");
            assertEquals("stale", mirror.mirror(withVersion(v1, 0)), "an older version writes nothing");
            BranchConfig v2 = new BranchConfig("m1", "Renamed", v1.timeZone(), v1.businessDayStart(),
                    v1.openingHours(), v1.closedDays(), v1.remoteQueueing(), 2, List.of(v1.services().get(0)),
                    List.of(new CounterConfig("1", "Counter 1", List.of("a"))));
            assertEquals("mirrored", mirror.mirror(v2));
            List<JsonNode> changes = Events.ofType(backend, "m1", "config.changed");
            assertEquals(2, changes.size());
            assertEquals(2, changes.get(1).get("config").get("version").asInt());
            assertEquals("system", changes.get(1).get("actor").get("kind").asText());
            JsonNode snap = backend.get("/api/v1/branches/m1").body();
            assertEquals("Renamed", snap.get("name").asText());
            assertEquals(1, snap.get("services").size(), "service b removed");
            assertEquals(1, snap.get("counters").size(), "counter 2 removed");
            assertEquals(0, backend.redis().exists(backend.keys().cfg("m1") + ":svc:b"));
        }
    }

    /**
     * A removal holds its gate closed between closing in Redis and committing in SQL; a configuration change mirrored
     * in that window must not reopen what is being removed (the review saw tickets issued there, never callable).
     */
    @Test
    void aMirrorRacingARemovalKeepsTheGatesFlags(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("m3", 2, null))) {
            String svc = backend.keys().cfg("m3") + ":svc:a";
            String ctr = backend.keys().cfg("m3") + ":ctr:2";
            backend.redis().hset(svc, "closed", "1");   // as service_gate.lua leaves it for a removal under way
            backend.redis().hset(ctr, "removed", "1");  // as counter_gate.lua does
            ScriptRunner scripts = new ScriptRunner(backend.redis());
            ConfigMirror mirror = new ConfigMirror(null, scripts, backend.keys(), new Ids(Clock.systemUTC()),
                    TestBackend.JSON, Clock.systemUTC(), b -> 0);
            BranchConfig v1 = TestBranches.branch("m3", 2, null);
            BranchConfig renamed = new BranchConfig("m3", "Racing change", v1.timeZone(), v1.businessDayStart(),
                    v1.openingHours(), v1.closedDays(), v1.remoteQueueing(), 2, v1.services(), v1.counters());
            assertEquals("mirrored", mirror.mirror(renamed));
            assertEquals("1", backend.redis().hget(svc, "closed"), "the service stays closed for its removal");
            assertEquals("1", backend.redis().hget(ctr, "removed"), "the counter stays out for its removal");
            assertEquals("Racing change", backend.get("/api/v1/branches/m3").body().get("name").asText());
            assertEquals("service_closed", backend.post("/api/v1/branches/m3/tickets", "{\"service\":\"a\"}").code());
        }
    }

    @Test
    void aMirrorIntoAWipedRedisContinuesTheSeqSqlHolds(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("m3", 1, null))) {
            for (int i = 0; i < 3; i++) {
                backend.issue("m3", "a");
            }
            long streamSeq = Long.parseLong(backend.redis().get(backend.keys().seq("m3")));
            io.nowserving.backend.testing.Await.until(java.time.Duration.ofSeconds(60), "SQL has the stream",
                    () -> backend.app().history().highestCommittedSeq("m3") >= streamSeq);
            String oldEpoch = backend.redis().get(backend.keys().epoch("m3"));
            List<String> all = backend.redis().keys(backend.keys().allOf("m3"));
            backend.redis().del(all.toArray(String[]::new)); // Redis lost the branch

            assertEquals(201, backend.issue("m3", "a").status(), "mirrored again on demand");
            List<io.lettuce.core.StreamMessage<String, String>> stream = backend.redis().xrange(
                    backend.keys().events("m3"), io.lettuce.core.Range.create("-", "+"));
            long first = Long.parseLong(stream.get(0).getId().split("-")[0]);
            assertEquals(streamSeq + 1, first, "the first event after the wipe continues SQL's seq");
            assertTrue(!oldEpoch.equals(backend.redis().get(backend.keys().epoch("m3"))), "in a new epoch");
        }
    }

    @Test
    void zoneOffsetsFollowDaylightSaving() {
        ConfigMirror mirror = new ConfigMirror(null, null, null, null, TestBackend.JSON,
                Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC), b -> 0);
        BranchConfig berlin = TestBranches.branch("dst", 1, null, ZoneId.of("Europe/Berlin"),
                OpeningHours.ALWAYS);
        String payload = mirror.payload(berlin);
        assertTrue(payload.contains("\"tzOffset\":3600"), payload);
        assertTrue(payload.contains("\"tzNextOffset\":7200"), payload);
        assertTrue(payload.contains("\"tzNextChange\":" + Instant.parse("2026-03-29T01:00:00Z").toEpochMilli()), payload);
        assertTrue(payload.contains("\"hours\":\"always\""), payload);
    }

    @Test
    void aWipedBranchIsMirroredAgainOnItsNextRequest(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("w1", 2, null))) {
            assertEquals(201, backend.issue("w1", "a").status());
            for (String key : RedisState.capture(backend, "w1").keySet()) {
                backend.redis().del(key);
            }
            assertEquals(0, RedisState.capture(backend, "w1").size());
            TestBackend.Reply again = backend.issue("w1", "a");
            assertEquals(201, again.status(), () -> "after a wipe: " + again.body());
            assertEquals(200, backend.get("/api/v1/branches/w1").status());
            assertEquals(200, backend.counter("w1", "1", "open").status());
        }
    }

    private static BranchConfig withVersion(BranchConfig b, long version) {
        return new BranchConfig(b.id(), b.name(), b.timeZone(), b.businessDayStart(), b.openingHours(),
                b.closedDays(), b.remoteQueueing(), version, b.services(), b.counters());
    }
}
