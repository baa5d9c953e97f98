package io.nowserving.backend.auth;

import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.sql.DatabaseException;
import io.nowserving.backend.web.Caller;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Display and kiosk devices: kept in SQL, mirrored into Redis under the SHA-256 of their token so that each
 * request is checked without SQL. The token is shown once at creation; revoking deletes the Redis entry first,
 * so the next request is refused on every instance.
 */
final class Devices {
    private final DataSource dataSource;
    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final Ids ids;
    private final Clock clock;

    Devices(DataSource dataSource, RedisCommands<String, String> redis, RedisKeys keys, Ids ids, Clock clock) {
        this.dataSource = dataSource;
        this.redis = redis;
        this.keys = keys;
        this.ids = ids;
        this.clock = clock;
    }

    record Created(String id, String token) {
    }

    record DeviceView(String id, String name, String role) {
    }

    Created create(String branch, String name, Caller.Kind role) {
        String id = ids.ulid();
        String token = ids.token();
        String hash = Ids.sha256(token);
        sql("create device", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO devices (id, branch_id, name, role, token_hash,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, branch);
                ps.setString(3, name);
                ps.setString(4, role.actor());
                ps.setString(5, hash);
                ps.setTimestamp(6, Timestamp.from(clock.instant()));
                ps.executeUpdate();
            }
            return null;
        });
        mirror(id, branch, role.actor(), hash);
        return new Created(id, token);
    }

    List<DeviceView> list(String branch) {
        return sql("list devices", c -> {
            List<DeviceView> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, role FROM devices WHERE branch_id = ? ORDER BY id")) {
                ps.setString(1, branch);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DeviceView(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return out;
        });
    }

    /** Revokes a device of the branch; false when there is none. Redis first: refused at once everywhere. */
    boolean revoke(String branch, String id) {
        Optional<String> hash = sql("read device", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT token_hash FROM devices WHERE id = ? AND branch_id = ?")) {
                ps.setString(1, id);
                ps.setString(2, branch);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
        if (hash.isEmpty()) {
            return false;
        }
        redis.del(keys.device(hash.get()));
        sql("delete device", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM devices WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate();
            }
        });
        return true;
    }

    /**
     * Gives a device a new token (the old one stops working at once); empty when the branch has no such device.
     * A retried creation answers with this, since only the hash of the first token was kept.
     */
    Optional<String> rotate(String branch, String id) {
        Optional<String[]> old = sql("read device", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT token_hash, role FROM devices WHERE id = ? AND branch_id = ?")) {
                ps.setString(1, id);
                ps.setString(2, branch);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new String[] {rs.getString(1).trim(), rs.getString(2)})
                            : Optional.empty();
                }
            }
        });
        if (old.isEmpty()) {
            return Optional.empty();
        }
        String token = ids.token();
        String hash = Ids.sha256(token);
        redis.del(keys.device(old.get()[0]));
        sql("rotate device token", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE devices SET token_hash = ? WHERE id = ?")) {
                ps.setString(1, hash);
                ps.setString(2, id);
                return ps.executeUpdate();
            }
        });
        mirror(id, branch, old.get()[1], hash);
        return Optional.of(token);
    }

    /** Revokes every device of a branch (the branch was removed); how many there were. */
    int revokeAll(String branch) {
        List<DeviceView> all = list(branch);
        all.forEach(d -> revoke(branch, d.id()));
        return all.size();
    }

    Optional<Caller> resolve(String token) {
        Map<String, String> d = redis.hgetall(keys.device(Ids.sha256(token)));
        if (d.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Caller.device(Caller.Kind.valueOf(d.get("role").toUpperCase(Locale.ROOT)), d.get("id"),
                d.get("branch")));
    }

    /**
     * Writes every device into Redis (start-up: a wiped or new Redis keeps its devices); devices of branches that
     * no longer exist (a removal whose revocation failed) are revoked instead.
     */
    void mirrorAll(java.util.function.Predicate<String> branchExists) {
        List<String[]> all = sql("read devices", c -> {
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, branch_id, role, token_hash FROM devices");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4).trim()});
                }
            }
            return rows;
        });
        for (String[] d : all) {
            if (branchExists.test(d[1])) {
                mirror(d[0], d[1], d[2], d[3]);
            } else {
                revoke(d[1], d[0]);
            }
        }
    }

    private void mirror(String id, String branch, String role, String hash) {
        redis.hset(keys.device(hash), Map.of("id", id, "branch", branch, "role", role));
    }

    private <T> T sql(String what, UserRepository.Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DatabaseException(what, e);
        }
    }
}
