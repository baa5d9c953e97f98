package io.nowserving.backend.auth;

import io.nowserving.backend.sql.DatabaseException;
import io.nowserving.backend.web.Caller;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** Staff users in SQL ({@code V2__staff.sql}): a user and their branches are written in one transaction. */
final class UserRepository {
    private static final String COLUMNS = "id, username, password_hash, role, disabled, must_change_password";

    private final DataSource dataSource;

    UserRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    Optional<User> findByUsername(String username) {
        return run("read user", false, c -> one(c, "SELECT " + COLUMNS + " FROM users WHERE username = ?", username));
    }

    Optional<User> findById(String id) {
        return run("read user", false, c -> one(c, "SELECT " + COLUMNS + " FROM users WHERE id = ?", id));
    }

    List<User> list() {
        return run("list users", false, c -> {
            List<User> users = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users ORDER BY username");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    users.add(map(c, rs));
                }
            }
            return users;
        });
    }

    /** Inserts a new user; false when the username is taken. */
    boolean insert(User u, Instant now) {
        try {
            return run("create user", true, c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (" + COLUMNS
                        + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, u.id());
                    ps.setString(2, u.username());
                    ps.setString(3, u.passwordHash());
                    ps.setString(4, u.role().actor());
                    ps.setBoolean(5, u.disabled());
                    ps.setBoolean(6, u.mustChangePassword());
                    ps.setTimestamp(7, Timestamp.from(now));
                    ps.executeUpdate();
                }
                writeBranches(c, u);
                return true;
            });
        } catch (DatabaseException e) {
            if ("23505".equals(e.sqlState())) {
                return false;
            }
            throw e;
        }
    }

    void update(User u) {
        run("update user", true, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET password_hash = ?, role = ?, disabled = ?,"
                    + " must_change_password = ? WHERE id = ?")) {
                ps.setString(1, u.passwordHash());
                ps.setString(2, u.role().actor());
                ps.setBoolean(3, u.disabled());
                ps.setBoolean(4, u.mustChangePassword());
                ps.setString(5, u.id());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM user_branches WHERE user_id = ?")) {
                ps.setString(1, u.id());
                ps.executeUpdate();
            }
            writeBranches(c, u);
            return null;
        });
    }

    void delete(String id) {
        run("delete user", true, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    boolean isEmpty() {
        return run("count users", false, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM users");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        });
    }

    private static void writeBranches(Connection c, User u) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_branches (user_id, branch_id) VALUES (?, ?)")) {
            for (String b : u.branches()) {
                ps.setString(1, u.id());
                ps.setString(2, b);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Optional<User> one(Connection c, String sql, String param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(c, rs)) : Optional.empty();
            }
        }
    }

    private static User map(Connection c, ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        Set<String> branches = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT branch_id FROM user_branches WHERE user_id = ?")) {
            ps.setString(1, id);
            try (ResultSet b = ps.executeQuery()) {
                while (b.next()) {
                    branches.add(b.getString(1));
                }
            }
        }
        return new User(id, rs.getString(2), rs.getString(3),
                Caller.Kind.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)), branches, rs.getBoolean(5),
                rs.getBoolean(6));
    }

    private <T> T run(String what, boolean write, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            if (!write) {
                return work.run(c);
            }
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException(what, e);
        }
    }
}
