package io.nowserving.backend.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.nowserving.backend.config.ConfigRepository;
import io.nowserving.backend.sql.Database;
import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The erasure of personal data past NOWSERVING_RETENTION_DAYS: exactly the old private rows, never a count. */
class RetentionTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    private static final String OLD_ORPHAN = "01KB0000000000000000000001";
    private static final String NEW_ORPHAN = "01KB0000000000000000000002";

    @Test
    void erasesExactlyThePrivateRowsOfDaysPastThePeriodAndKeepsEveryCount(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("r1", 1, null))) {
            List<Set<String>> days = new ArrayList<>(); // tickets issued on business days D, D+1, D+2
            for (int day = 0; day < 3; day++) {
                backend.moveClock("r1", day * DAY_MS);
                Set<String> ids = new TreeSet<>();
                for (int i = 0; i < 3 - day; i++) {
                    TestBackend.Reply r = backend.issue("r1", "a");
                    assertEquals(201, r.status(), () -> r.body().toString());
                    ids.add(r.body().get("id").asText());
                }
                days.add(ids);
            }
            Await.until(WAIT, "six tickets' secrets in SQL", () -> secrets(backend).size() == 6);
            assertEquals(6, count(backend, "SELECT COUNT(*) FROM ticket_secrets WHERE branch_id = 'r1'"
                    + " AND customer_key_hash IS NOT NULL"), "web tickets carry a customer key");
            long now = System.currentTimeMillis();
            // secrets whose ticket never reached SQL (only a token rotation did) go by the rotation's time
            execute(backend, "INSERT INTO ticket_secrets (branch_id, ticket_id, token_hash, token_rot_ms, token_rot_n)"
                    + " VALUES ('r1', '" + OLD_ORPHAN + "', '" + "a".repeat(64) + "', " + now + ", 0)");
            execute(backend, "INSERT INTO ticket_secrets (branch_id, ticket_id, token_hash, token_rot_ms, token_rot_n)"
                    + " VALUES ('r1', '" + NEW_ORPHAN + "', '" + "b".repeat(64) + "', " + (now + 3 * DAY_MS) + ", 0)");
            Await.until(WAIT, "every event in SQL", () -> count(backend, "SELECT COUNT(*) FROM events"
                    + " WHERE branch_id = 'r1'") == backend.redis().xlen(backend.keys().events("r1")));
            long tickets = count(backend, "SELECT COUNT(*) FROM tickets WHERE branch_id = 'r1'");
            long events = count(backend, "SELECT COUNT(*) FROM events WHERE branch_id = 'r1'");

            try (Database db = backend.database().open()) {
                ConfigRepository configs = new ConfigRepository(db.dataSource());
                // 32 days on, D+2 is exactly 30 business days old, D+1 31 and D 32
                Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(32));
                assertEquals(Map.of(), retention(db, configs, later, 33).run(), "nothing is 33 days old");
                assertEquals(8, secrets(backend).size());

                assertEquals(Map.of("r1", 4), retention(db, configs, later, 31).run());
                Set<String> left = new TreeSet<>(days.get(1));
                left.addAll(days.get(2));
                left.add(NEW_ORPHAN);
                assertEquals(left, secrets(backend), "day D and the orphan rotated before D+2 went");

                assertEquals(Map.of("r1", 2), retention(db, configs, later, 30).run());
                left.removeAll(days.get(1));
                assertEquals(left, secrets(backend), "then day D+1; day D+2 is kept for 30 days");
                assertEquals(Map.of(), retention(db, configs, later, 30).run(), "a second run finds nothing left");
            }
            assertEquals(tickets, count(backend, "SELECT COUNT(*) FROM tickets WHERE branch_id = 'r1'"), "counts stay");
            assertEquals(events, count(backend, "SELECT COUNT(*) FROM events WHERE branch_id = 'r1'"));
            assertEquals(6, backend.owner("GET", "/api/v1/branches/r1/history", null).body().get("items").size());
        }
    }

    /** LINE ticket holders (contact data, V5) go by the time they were recorded, one row on each side of the cut. */
    @Test
    void lineTicketHoldersAreErasedAfterThePeriod(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("r3", 1, null))) {
            long now = System.currentTimeMillis();
            String insert = "INSERT INTO line_tickets (branch_id, ticket_id, service_id, line_user_id, issued_ahead,"
                    + " created_ms) VALUES ('r3', '%s', 'a', 'U%s', 0, %d)";
            execute(backend, String.format(insert, OLD_ORPHAN, "1".repeat(32), now));
            execute(backend, String.format(insert, NEW_ORPHAN, "2".repeat(32), now + 2 * DAY_MS));
            try (Database db = backend.database().open()) {
                ConfigRepository configs = new ConfigRepository(db.dataSource());
                Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(32));
                assertEquals(Map.of(), retention(db, configs, later, 33).run(), "nothing is 33 days old");
                assertEquals(Map.of("r3", 1), retention(db, configs, later, 31).run());
                assertEquals(1, count(backend, "SELECT COUNT(*) FROM line_tickets WHERE ticket_id = '" + NEW_ORPHAN
                        + "'"), "the newer holder stays");
                assertEquals(1, count(backend, "SELECT COUNT(*) FROM line_tickets"));
                assertEquals(Map.of(), retention(db, configs, later, 31).run(), "a second run finds nothing left");
            }
        }
    }

    /** The hashed client addresses (rate limits, login throttle) and customer keys Redis holds all expire. */
    @Test
    void clientAddressesAndCustomerKeysInRedisAlwaysExpire(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("r2", 1, null))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(201, backend.issue("r2", "a").status());
            }
            assertEquals(401, backend.login("admin", "not-the-password").status());
            String prefix = backend.keys().addressPepper().replace("{auth}:pepper", "");
            Map<String, Long> ceilings = Map.of(prefix + "{auth}:rl:*", Duration.ofMinutes(2).toMillis(),
                    prefix + "{auth}:login:*", Duration.ofDays(1).toMillis(),
                    prefix + "{r2}:day:*:cust:*", Duration.ofDays(1).toMillis());
            for (Map.Entry<String, Long> pattern : ceilings.entrySet()) {
                List<String> keys = scan(backend, pattern.getKey());
                assertFalse(keys.isEmpty(), "the requests left keys like " + pattern.getKey());
                for (String key : keys) {
                    long ttl = backend.redis().pttl(key);
                    assertTrue(ttl > 0 && ttl <= pattern.getValue(), key + " expires (pttl " + ttl + ")");
                }
            }
        }
    }

    private static Retention retention(Database db, ConfigRepository configs, Clock clock, int days) {
        return new Retention(db.dataSource(), configs::find, RetentionTarget.BUILT_IN, clock, days);
    }

    private static List<String> scan(TestBackend backend, String pattern) {
        List<String> out = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = backend.redis().scan(cursor, ScanArgs.Builder.matches(pattern).limit(500));
            out.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        return out;
    }

    private static Set<String> secrets(TestBackend backend) {
        try (Database db = backend.database().open(); Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT ticket_id FROM ticket_secrets WHERE branch_id = 'r1'");
                ResultSet rs = ps.executeQuery()) {
            Set<String> out = new TreeSet<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(TestBackend backend, String sql) {
        try (Database db = backend.database().open(); Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(TestBackend backend, String sql) throws SQLException {
        try (Database db = backend.database().open(); Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }
}

