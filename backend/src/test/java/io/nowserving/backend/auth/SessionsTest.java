package io.nowserving.backend.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions and device tokens: shared by every instance, revoked at once everywhere, kept across a restart. */
class SessionsTest {

    @Test
    void aLogoutADisabledUserAndAPasswordChangeAreRefusedOnTheNextRequestThroughEveryInstance(@TempDir Path dir) {
        try (TestBackend a = TestBackend.start(dir, TestBranches.branch("s1", 1, null));
                TestBackend b = a.startAnother()) {
            String list = "/api/v1/branches/s1/tickets";
            Reply login = a.login("clerk", TestBackend.CLERK_PASSWORD);
            assertEquals(200, login.status());
            assertEquals("clerk", login.body().get("role").asText());
            assertFalse(login.body().get("mustChangePassword").asBoolean());
            assertTrue(login.body().get("expiresAt").asLong() > System.currentTimeMillis());
            String token = login.body().get("token").asText();
            assertEquals(200, b.sendAs(token, "GET", list, null).status(), "a session made on A works on B");
            assertEquals(204, a.sendAs(token, "POST", "/api/v1/auth/logout", null).status());
            assertEquals("unauthorized", b.sendAs(token, "GET", list, null).code(), "logged out on A, refused on B");

            String second = TestBackend.tokenOf(a.login("clerk", TestBackend.CLERK_PASSWORD));
            String third = TestBackend.tokenOf(b.login("clerk", TestBackend.CLERK_PASSWORD));
            assertEquals(200, a.owner("PATCH", "/api/v1/users/clerk", "{\"disabled\":true}").status());
            assertEquals(401, b.sendAs(second, "GET", list, null).status(), "disabling ends every session");
            assertEquals(401, a.sendAs(third, "GET", list, null).status());
            assertEquals("invalid_credentials", b.login("clerk", TestBackend.CLERK_PASSWORD).code());
            a.owner("PATCH", "/api/v1/users/clerk", "{\"disabled\":false}");

            String before = TestBackend.tokenOf(a.login("clerk", TestBackend.CLERK_PASSWORD));
            String current = TestBackend.tokenOf(b.login("clerk", TestBackend.CLERK_PASSWORD));
            Reply changed = b.sendAs(current, "POST", "/api/v1/auth/password",
                    "{\"currentPassword\":\"" + TestBackend.CLERK_PASSWORD + "\",\"newPassword\":\"a-new-clerk-password\"}");
            assertEquals(200, changed.status(), () -> changed.body().toString());
            assertEquals(401, a.sendAs(before, "GET", list, null).status(), "a password change ends other sessions");
            assertEquals(401, a.sendAs(current, "GET", list, null).status(), "and the one that changed it");
            assertEquals(200, a.sendAs(changed.body().get("token").asText(), "GET", list, null).status(),
                    "the answer is a fresh session");
            assertEquals("invalid_credentials", a.login("clerk", TestBackend.CLERK_PASSWORD).code());
        }
    }

    @Test
    void aPasswordAnOwnerSetsMustBeChangedAtTheFirstSignIn(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("s7", 1, null))) {
            String list = "/api/v1/branches/s7/tickets";
            assertEquals(201, backend.owner("POST", "/api/v1/users/mei", "{\"password\":\"temporary-password\","
                    + "\"role\":\"clerk\",\"branches\":[\"s7\"]}").status());
            Reply first = backend.login("mei", "temporary-password");
            assertTrue(first.body().get("mustChangePassword").asBoolean(), "a temporary password by default");
            String token = first.body().get("token").asText();
            assertEquals(403, backend.sendAs(token, "GET", list, null).status(), "nothing before the change");
            Reply changed = backend.sendAs(token, "POST", "/api/v1/auth/password",
                    "{\"currentPassword\":\"temporary-password\",\"newPassword\":\"mei-own-password\"}");
            assertEquals(200, changed.status(), () -> changed.body().toString());
            assertFalse(changed.body().get("mustChangePassword").asBoolean());
            assertEquals(200, backend.sendAs(changed.body().get("token").asText(), "GET", list, null).status());

            assertEquals(200, backend.owner("PATCH", "/api/v1/users/mei", "{\"password\":\"reset-by-owner\"}")
                    .status());
            assertTrue(backend.login("mei", "reset-by-owner").body().get("mustChangePassword").asBoolean(),
                    "a password the owner resets is temporary again");
            assertEquals(200, backend.owner("PATCH", "/api/v1/users/mei", "{\"mustChangePassword\":false}")
                    .status());
            assertFalse(backend.login("mei", "reset-by-owner").body().get("mustChangePassword").asBoolean());
        }
    }

    @Test
    void aSignInRacingADisableNeverLeavesALiveSession(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("s4", 1, null))) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                for (int round = 0; round < 12; round++) {
                    String name = "racer" + round;
                    backend.createUser(name, "racer-long-password", "clerk", "s4");
                    java.util.List<String> tokens = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
                    java.util.List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
                    for (int t = 0; t < 3; t++) {
                        work.add(pool.submit(() -> {
                            for (int i = 0; i < 8; i++) {
                                Reply r = backend.login(name, "racer-long-password");
                                if (r.status() == 200) {
                                    tokens.add(r.body().get("token").asText());
                                }
                            }
                            return null;
                        }));
                    }
                    work.add(pool.submit(() -> assertEquals(200, backend.owner("PATCH", "/api/v1/users/" + name,
                            "{\"disabled\":true}").status())));
                    for (java.util.concurrent.Future<?> f : work) {
                        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    }
                    for (String token : tokens) {
                        assertEquals(401, backend.sendAs(token, "GET", "/api/v1/branches/s4/tickets", null).status(),
                                "a session of a disabled account outlived the disable (round " + round + ")");
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aRevokedDeviceTokenIsRefusedOnTheNextRequestThroughEveryInstance(@TempDir Path dir) {
        try (TestBackend a = TestBackend.start(dir, TestBranches.branch("s2", 1, null));
                TestBackend b = a.startAnother()) {
            Reply made = a.owner("POST", "/api/v1/branches/s2/devices", "{\"name\":\"Door display\",\"role\":\"display\"}");
            assertEquals(201, made.status());
            String token = made.body().get("token").asText();
            String id = made.body().get("id").asText();
            assertEquals(200, b.sendAs(token, "GET", "/api/v1/branches/s2/presence", null).status());
            JsonNode listed = a.owner("GET", "/api/v1/branches/s2/devices", null).body();
            assertEquals(1, listed.size());
            assertFalse(listed.toString().contains(token), "the token is shown once, never listed");
            assertFalse(a.redis().keys(a.keys().prefix() + "*").stream().anyMatch(k -> k.contains(token)));
            assertEquals(204, a.owner("DELETE", "/api/v1/branches/s2/devices/" + id, null).status());
            assertEquals(401, b.sendAs(token, "GET", "/api/v1/branches/s2/presence", null).status());
            assertEquals(404, b.owner("DELETE", "/api/v1/branches/s2/devices/" + id, null).status());
        }
    }

    @Test
    void devicesOfABranchRemovedBehindTheirBackAreRevokedAtTheNextStart(@TempDir Path dir) {
        try (TestBackend first = TestBackend.start(dir, TestBranches.branch("s5", 1, null),
                TestBranches.branch("s6", 1, null))) {
            String orphan = first.createDevice("s5", "display");
            String kept = first.createDevice("s6", "kiosk");
            try (io.nowserving.backend.sql.Database db = first.database().open()) {
                io.nowserving.backend.config.ConfigRepository configs =
                        new io.nowserving.backend.config.ConfigRepository(db.dataSource());
                // a removal whose device revocation failed (Redis away at that moment) leaves this behind
                assertTrue(configs.delete("s5", configs.find("s5").orElseThrow().version()).isPresent());
            }
            try (TestBackend second = first.startAnother()) {
                assertEquals(401, second.sendAs(orphan, "GET", "/api/v1/branches/s5/presence", null).status());
                assertEquals(200, second.sendAs(kept, "GET", "/api/v1/branches/s6/presence", null).status());
            }
        }
    }

    @Test
    void sessionsAndDevicesSurviveARestart(@TempDir Path dir) {
        try (TestBackend first = TestBackend.start(dir, TestBranches.branch("s3", 1, null))) {
            String device = first.createDevice("s3", "kiosk");
            // wipe the device's Redis entry: the restart mirrors devices back from SQL
            first.redis().del(first.keys().device(Ids.sha256(device)));
            TestBackend second = first.startAnother();
            try {
                first.app().close();
                assertEquals(200, second.staffGet("/api/v1/branches/s3/tickets").status(),
                        "the clerk's session outlives the instance that made it");
                assertEquals(201, second.sendAs(device, "POST", "/api/v1/branches/s3/tickets", "{\"service\":\"a\"}")
                        .status());
            } finally {
                second.close();
            }
        }
    }

    @Test
    void aGeneratedFirstPasswordIsPrivateAndMustBeChangedBeforeAnythingElse(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Map<String, String> env = new HashMap<>();
        env.put("NOWSERVING_ADMIN_PASSWORD", "");
        env.put("NOWSERVING_DATA_DIR", data.toString());
        Path file = data.resolve("admin-password.txt");
        try (TestBackend backend = TestBackend.startWithoutStaff(dir, env, TestBranches.branch("s4", 1, null))) {
            assertTrue(Files.exists(file));
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
            String generated = Files.readString(file).strip();
            assertTrue(generated.length() >= 32);
            assertEquals("invalid_credentials", backend.login("admin", "admin").code(), "no default password");
            Reply login = backend.login("admin", generated);
            assertTrue(login.body().get("mustChangePassword").asBoolean());
            String token = login.body().get("token").asText();
            assertEquals("forbidden", backend.sendAs(token, "GET", "/api/v1/users", null).code());
            assertEquals("forbidden", backend.sendAs(token, "GET", "/api/v1/branches", null).code());
            assertEquals("invalid_request", backend.sendAs(token, "POST", "/api/v1/auth/password",
                    "{\"currentPassword\":\"" + generated + "\",\"newPassword\":\"short\"}").code());
            Reply changed = backend.sendAs(token, "POST", "/api/v1/auth/password",
                    "{\"currentPassword\":\"" + generated + "\",\"newPassword\":\"the-owner-chose-this\"}");
            assertEquals(200, changed.status());
            assertFalse(changed.body().get("mustChangePassword").asBoolean());
            assertEquals(200, backend.sendAs(changed.body().get("token").asText(), "GET", "/api/v1/users", null)
                    .status());
            assertFalse(Files.exists(file), "the generated password is of no use any more");
        }
    }
}
