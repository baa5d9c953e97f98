package io.nowserving.backend.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.testing.Events;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 7 on the staff routes whose work is not one script (web/Replays): a retried request with the same
 * Idempotency-Key does nothing twice and gets the first answer; another request under the key is 422; and bad
 * input on the user and device routes answers problem+json and changes nothing in SQL or Redis.
 */
class StaffRouteReplayTest {
    private static final String SERVICE_C = "{\"name\":\"Passports\",\"prefix\":\"C\",\"dailyCapacity\":null,"
            + "\"targetWaitSeconds\":900,\"noShowGraceSeconds\":120}";

    @Test
    void aClaimLeftByACrashedRequestFreesItsKeyAfterTheRequestTimeOut(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("r9", 2, null))) {
            String ada = backend.createUser("ada", "ada-password-for-tests", "admin", "r9");
            String token = TestBackend.tokenOf(backend.login("ada", "ada-password-for-tests"));
            String path = "/api/v1/branches/r9/counters/2";
            // what a request that died between its claim and its answer leaves behind
            String key = backend.keys().replay(Ids.sha256("user:" + ada + "\ncrash-1"));
            assertTrue(new Replays(backend.redis(), backend.keys()).claim(key,
                    Ids.sha256("crash-1\nDELETE " + path + "\n")));
            Reply retry = backend.sendAs(token, "DELETE", path, null, "Idempotency-Key", "crash-1");
            assertEquals(503, retry.status(), "the claim is honoured while the first request may still run");
            long ttl = backend.redis().pttl(key);
            assertTrue(ttl > 0 && ttl <= Replays.PENDING_TTL.toMillis(), "pending for a request time-out, not a day: "
                    + ttl);
            assertTrue(Replays.PENDING_TTL.compareTo(Duration.ofMinutes(2)) <= 0);

            backend.redis().del(key); // the time-out passed
            Reply done = backend.sendAs(token, "DELETE", path, null, "Idempotency-Key", "crash-1");
            assertEquals(200, done.status(), () -> done.body().toString());
            assertTrue(backend.redis().pttl(key) > Duration.ofHours(23).toMillis(), "an answer is kept 24 h");
        }
    }

    @Test
    void aRetriedRemovalDoesNothingTwiceAndGetsTheFirstAnswer(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("r1", 2, null))) {
            assertEquals(200, backend.owner("PUT", "/api/v1/branches/r1/services/c", SERVICE_C).status());
            int changesBefore = Events.ofType(backend, "r1", "config.changed").size();
            Reply first = backend.owner("DELETE", "/api/v1/branches/r1/services/c", null, "Idempotency-Key", "k-1");
            Reply retry = backend.owner("DELETE", "/api/v1/branches/r1/services/c", null, "Idempotency-Key", "k-1");
            assertEquals(200, first.status(), () -> first.body().toString());
            assertEquals(200, retry.status(), "the retry answers as the first did, not 404");
            assertEquals(first.body(), retry.body());
            assertEquals("true", retry.header("Idempotent-Replayed"));
            assertNull(first.header("Idempotent-Replayed"));
            assertEquals(changesBefore + 1, Events.ofType(backend, "r1", "config.changed").size(), "removed once");
            assertEquals(first.body().get("version"), backend.owner("GET", "/api/v1/branches/r1/config", null)
                    .body().get("version"), "SQL saw one change");

            Reply other = backend.owner("DELETE", "/api/v1/branches/r1/counters/2", null, "Idempotency-Key", "k-1");
            assertEquals(422, other.status());
            assertEquals("idempotency_key_reused", other.code());
            assertEquals(2, backend.owner("GET", "/api/v1/branches/r1/config", null).body().get("counters").size(),
                    "the refused request changed nothing");
        }
    }

    @Test
    void aRefusalFreesItsKeySoTheRetryRunsAfresh(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("r2", 1, null))) {
            Reply missing = backend.owner("DELETE", "/api/v1/branches/r2/counters/9", null, "Idempotency-Key", "k-2");
            assertEquals(404, missing.status());
            assertEquals(200, backend.owner("PUT", "/api/v1/branches/r2/counters/9",
                    "{\"name\":\"Nine\",\"services\":[\"a\"]}").status());
            Reply now = backend.owner("DELETE", "/api/v1/branches/r2/counters/9", null, "Idempotency-Key", "k-2");
            assertEquals(200, now.status(), () -> now.body().toString());
        }
    }

    @Test
    void keysAreScopedToTheCaller(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("r3", 1, null))) {
            backend.createUser("a3", "admin-three-password", "admin", "r3");
            String admin = TestBackend.tokenOf(backend.login("a3", "admin-three-password"));
            assertEquals(200, backend.owner("PUT", "/api/v1/branches/r3/services/c", SERVICE_C).status());
            assertEquals(201, backend.sendAs(admin, "POST", "/api/v1/branches/r3/devices",
                    "{\"name\":\"Hall\",\"role\":\"display\"}", "Idempotency-Key", "same").status());
            Reply owners = backend.owner("DELETE", "/api/v1/branches/r3/services/c", null, "Idempotency-Key", "same");
            assertEquals(200, owners.status(), "another credential's key is not this one's");
        }
    }

    @Test
    void aRetriedDeviceCreationMakesOneDeviceAndOnlyTheLatestTokenWorks(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("r4", 1, null))) {
            String body = "{\"name\":\"Kiosk by the door\",\"role\":\"kiosk\"}";
            Reply first = backend.owner("POST", "/api/v1/branches/r4/devices", body, "Idempotency-Key", "dev-1");
            Reply retry = backend.owner("POST", "/api/v1/branches/r4/devices", body, "Idempotency-Key", "dev-1");
            assertEquals(201, first.status(), () -> first.body().toString());
            assertEquals(201, retry.status(), () -> retry.body().toString());
            assertEquals(first.body().get("id"), retry.body().get("id"), "the same device");
            assertNotEquals(first.body().get("token"), retry.body().get("token"), "a fresh token: only hashes are kept");
            assertEquals(1, backend.owner("GET", "/api/v1/branches/r4/devices", null).body().size());
            String presence = "/api/v1/branches/r4/presence";
            assertEquals(401, backend.sendAs(first.body().get("token").asText(), "GET", presence, null).status());
            assertEquals(200, backend.sendAs(retry.body().get("token").asText(), "GET", presence, null).status());
            for (String key : backend.redis().keys(backend.keys().replay("*"))) {
                String kept = backend.redis().get(key);
                assertEquals(-1, kept.indexOf(first.body().get("token").asText()), "no device token kept in Redis");
                assertEquals(-1, kept.indexOf(retry.body().get("token").asText()), "no device token kept in Redis");
            }
        }
    }

    @Test
    void aRetriedUserCreationAndRemovalAnswerAsTheFirstDid(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("r5", 1, null))) {
            String body = "{\"password\":\"a-long-enough-password\",\"role\":\"clerk\",\"branches\":[\"r5\"]}";
            Reply first = backend.owner("POST", "/api/v1/users/mei", body, "Idempotency-Key", "u-1");
            Reply retry = backend.owner("POST", "/api/v1/users/mei", body, "Idempotency-Key", "u-1");
            assertEquals(201, first.status(), () -> first.body().toString());
            assertEquals(201, retry.status(), "not 409 for a user that now exists");
            assertEquals(first.body(), retry.body());
            assertEquals(204, backend.owner("DELETE", "/api/v1/users/mei", null, "Idempotency-Key", "u-2").status());
            assertEquals(204, backend.owner("DELETE", "/api/v1/users/mei", null, "Idempotency-Key", "u-2").status());
            assertEquals(404, backend.owner("DELETE", "/api/v1/users/mei", null).status(), "without the key: gone");
        }
    }

    @Test
    void badInputOnUserAndDeviceRoutesChangesNothing(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("r6", 1, null))) {
            String userId = backend.createUser("lin", "lin-long-password", "clerk", "r6");
            backend.createDevice("r6", "display");
            JsonNode usersBefore = backend.owner("GET", "/api/v1/users", null).body();
            JsonNode devicesBefore = backend.owner("GET", "/api/v1/branches/r6/devices", null).body();
            String[][] cases = {
                {"POST", "/api/v1/users/new1", "{\"password\":\"short\",\"role\":\"clerk\",\"branches\":[\"r6\"]}", "400"},
                {"POST", "/api/v1/users/new1", "{\"password\":\"a-long-enough-password\",\"role\":\"king\"}", "400"},
                {"POST", "/api/v1/users/new1", "{\"password\":\"a-long-enough-password\",\"role\":\"clerk\",\"branches\":[\"nowhere\"]}", "400"},
                {"POST", "/api/v1/users/new1", "{\"password\":\"a-long-enough-password\",\"role\":\"clerk\",\"branches\":[\"r6\"],\"x\":1}", "400"},
                {"POST", "/api/v1/users/new1", "{\"role\":\"clerk\",\"branches\":[\"r6\"]}", "400"},
                {"POST", "/api/v1/users/new1", "{\"password\":", "400"},
                {"POST", "/api/v1/users/Bad%20Name", "{\"password\":\"a-long-enough-password\",\"role\":\"clerk\",\"branches\":[\"r6\"]}", "400"},
                {"POST", "/api/v1/users/lin", "{\"password\":\"a-long-enough-password\",\"role\":\"clerk\",\"branches\":[\"r6\"]}", "400"},
                {"PATCH", "/api/v1/users/lin", "{\"role\":\"emperor\"}", "400"},
                {"PATCH", "/api/v1/users/lin", "{\"password\":\"short\"}", "400"},
                {"PATCH", "/api/v1/users/lin", "{\"branches\":[\"nowhere\"]}", "400"},
                {"PATCH", "/api/v1/users/lin", "{\"disabled\":\"yes\"}", "400"},
                {"PATCH", "/api/v1/users/nobody", "{\"disabled\":true}", "404"},
                {"DELETE", "/api/v1/users/nobody", null, "404"},
                {"POST", "/api/v1/branches/r6/devices", "{\"name\":\"\",\"role\":\"display\"}", "400"},
                {"POST", "/api/v1/branches/r6/devices", "{\"name\":\"Hall\",\"role\":\"printer\"}", "400"},
                {"POST", "/api/v1/branches/r6/devices", "{\"name\":\"Hall\",\"role\":\"display\",\"x\":1}", "400"},
                {"POST", "/api/v1/branches/r6/devices", "[1,2]", "400"},
                {"POST", "/api/v1/branches/nowhere/devices", "{\"name\":\"Hall\",\"role\":\"display\"}", "404"},
                {"DELETE", "/api/v1/branches/r6/devices/not-a-ulid", null, "404"},
                {"DELETE", "/api/v1/branches/r6/devices/01ARZ3NDEKTSV4RRFFQ69G5FAV", null, "404"},
                {"DELETE", "/api/v1/branches/r6", null, "409"},
                {"DELETE", "/api/v1/branches/R_6", null, "400"},
                {"DELETE", "/api/v1/branches/nowhere", null, "404"},
            };
            backend.issue("r6", "a"); // someone waits: the branch removal above is refused
            Map<String, String> authBefore = authKeys(backend);
            List<String> wrong = new ArrayList<>();
            for (String[] c : cases) {
                Reply r = backend.owner(c[0], c[1], c[2]);
                if (r.status() != Integer.parseInt(c[3])
                        || !"application/problem+json".equals(r.header("Content-Type").split(";")[0])) {
                    wrong.add(c[0] + " " + c[1] + " " + c[2] + " -> " + r.status() + " " + r.body());
                }
            }
            assertEquals(List.of(), wrong);
            assertEquals(usersBefore, backend.owner("GET", "/api/v1/users", null).body(), "SQL users unchanged");
            assertEquals(devicesBefore, backend.owner("GET", "/api/v1/branches/r6/devices", null).body());
            assertEquals(authBefore, authKeys(backend), "device and session keys in Redis unchanged");
            assertNotEquals(null, userId);
        }
    }

    /** Every device key and every user's session set in Redis, with its content. */
    private static Map<String, String> authKeys(TestBackend backend) {
        Map<String, String> out = new TreeMap<>();
        for (String key : backend.redis().keys(backend.keys().device("*"))) {
            out.put(key, backend.redis().hgetall(key).toString());
        }
        for (String key : backend.redis().keys(backend.keys().userSessions("*"))) {
            out.put(key, new java.util.TreeSet<>(backend.redis().smembers(key)).toString());
        }
        return out;
    }
}
