package io.nowserving.backend.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowserving.backend.sql.Database;
import io.nowserving.backend.sql.DatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Branch configuration in SQL (tables of {@code V1__configuration.sql}). A save replaces a branch with its
 * services and counters in one transaction and raises its version; reads see one committed save, never half
 * of one.
 */
public final class ConfigRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, List<List<String>>>> HOURS = new TypeReference<>() { };
    private static final TypeReference<List<String>> DATES = new TypeReference<>() { };
    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;

    public ConfigRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every branch's id and name, ordered by id. */
    public List<BranchSummary> listBranches() {
        return read("list branches", c -> {
            List<BranchSummary> result = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM branches ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new BranchSummary(rs.getString(1), rs.getString(2)));
                }
            }
            return result;
        });
    }

    public boolean isEmpty() {
        return read("count branches", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM branches");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        });
    }

    public Optional<BranchConfig> find(String branchId) {
        Objects.requireNonNull(branchId, "branchId");
        return read("read branch " + branchId, c -> load(c, branchId).stream().findFirst());
    }

    /** Every branch, ordered by id. */
    public List<BranchConfig> findAll() {
        return read("read branches", c -> load(c, null));
    }

    /**
     * Inserts or replaces the branch, its services and its counters in one transaction. The saved version is
     * one more than the larger of the stored version and {@code config.version()}, so versions only grow even
     * for a branch removed and created again by a caller that passes the last version it knew.
     *
     * @return {@code config} with the version it was saved as
     */
    public BranchConfig save(BranchConfig config) {
        return write(config, false).orElseThrow();
    }

    /**
     * Like {@link #save} for a branch that does not exist yet; when it does (or another instance creates it at
     * the same moment) nothing is written and the result is empty.
     */
    public Optional<BranchConfig> create(BranchConfig config) {
        return write(config, true);
    }

    /**
     * Reads the branch, applies {@code change} and saves the result, all in one transaction holding the branch
     * row's lock, so two admins editing one branch at once never lose each other's change. Empty when the branch
     * does not exist; a {@link ConfigValidationException} from {@code change} writes nothing.
     */
    public Optional<BranchConfig> update(String branchId, UnaryOperator<BranchConfig> change) {
        return transaction("update branch " + branchId, c -> {
            Optional<BranchConfig> current = lock(c, branchId);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            BranchConfig changed = change.apply(current.get());
            if (!changed.id().equals(branchId)) {
                throw new IllegalArgumentException("a change may not rename a branch");
            }
            long version = writeBranch(c, changed.withVersion(current.get().version()), false).orElseThrow();
            replaceChildren(c, changed);
            return Optional.of(changed.withVersion(version));
        });
    }

    /**
     * Removes the branch with its services and counters if it is still at {@code expectedVersion} (the version
     * Redis closed); empty, with nothing written, when there is none or it has changed since.
     */
    public OptionalLong delete(String branchId, long expectedVersion) {
        return transaction("delete branch " + branchId, c -> {
            Optional<BranchConfig> current = lock(c, branchId);
            if (current.isEmpty() || current.get().version() != expectedVersion) {
                return OptionalLong.empty();
            }
            for (String table : List.of("counter_services", "counters", "services")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE branch_id = ?")) {
                    ps.setString(1, branchId);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM branches WHERE id = ?")) {
                ps.setString(1, branchId);
                ps.executeUpdate();
            }
            return OptionalLong.of(current.get().version());
        });
    }

    private static Optional<BranchConfig> lock(Connection c, String branchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM branches WHERE id = ? FOR UPDATE")) {
            ps.setString(1, branchId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
            }
        }
        return load(c, branchId).stream().findFirst();
    }

    /** Runs {@code work} in one read-write transaction, rolled back on any failure. */
    private <T> T transaction(String what, Read<T> work) {
        return inTransaction(what, false, work);
    }

    private Optional<BranchConfig> write(BranchConfig config, boolean onlyNew) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    Optional<Long> version = writeBranch(c, config, onlyNew);
                    if (version.isEmpty()) {
                        c.rollback();
                        return Optional.empty();
                    }
                    replaceChildren(c, config);
                    c.commit();
                    return Optional.of(config.withVersion(version.get()));
                } catch (SQLException | RuntimeException e) {
                    rollback(c, e);
                    throw e;
                }
            } catch (SQLException e) {
                // two first saves of one branch race to insert it: the loser retries, then finds the row
                if (attempt < ATTEMPTS && isRetryable(e)) {
                    continue;
                }
                throw new DatabaseException("Cannot save branch " + config.id(), e);
            }
        }
    }

    /** Locks or inserts the branch row; its new version, or empty when {@code onlyNew} and it exists. */
    private static Optional<Long> writeBranch(Connection c, BranchConfig b, boolean onlyNew) throws SQLException {
        Long stored = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM branches WHERE id = ? FOR UPDATE")) {
            ps.setString(1, b.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    stored = rs.getLong(1);
                }
            }
        }
        if (onlyNew && stored != null) {
            return Optional.empty();
        }
        long version = Math.max(stored == null ? 0 : stored, b.version()) + 1;
        String sql = stored == null
                ? "INSERT INTO branches (name, time_zone, business_day_start, opening_hours, closed_days,"
                        + " remote_queueing, version, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                : "UPDATE branches SET name = ?, time_zone = ?, business_day_start = ?, opening_hours = ?,"
                        + " closed_days = ?, remote_queueing = ?, version = ? WHERE id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, b.name());
            ps.setString(2, b.timeZone().getId());
            ps.setObject(3, b.businessDayStart());
            ps.setString(4, json(b.openingHours().toText()));
            ps.setString(5, json(b.closedDays().stream().map(LocalDate::toString).toList()));
            ps.setBoolean(6, b.remoteQueueing());
            ps.setLong(7, version);
            ps.setString(8, b.id());
            ps.executeUpdate();
        }
        return Optional.of(version);
    }

    private static void setNullable(PreparedStatement ps, int at, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(at, Types.INTEGER);
        } else {
            ps.setInt(at, value);
        }
    }

    private static void replaceChildren(Connection c, BranchConfig b) throws SQLException {
        for (String table : List.of("counter_services", "counters", "services")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE branch_id = ?")) {
                ps.setString(1, b.id());
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO services (branch_id, id, sort_order, name,"
                + " prefix, daily_capacity, target_wait_seconds, no_show_grace_seconds, notify_ahead)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < b.services().size(); i++) {
                ServiceConfig s = b.services().get(i);
                ps.setString(1, b.id());
                ps.setString(2, s.id());
                ps.setInt(3, i);
                ps.setString(4, s.name());
                ps.setString(5, s.prefix());
                setNullable(ps, 6, s.dailyCapacity());
                ps.setInt(7, s.targetWaitSeconds());
                ps.setInt(8, s.noShowGraceSeconds());
                setNullable(ps, 9, s.notifyAhead());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement counters = c.prepareStatement(
                "INSERT INTO counters (branch_id, id, sort_order, name) VALUES (?, ?, ?, ?)");
                PreparedStatement links = c.prepareStatement("INSERT INTO counter_services"
                        + " (branch_id, counter_id, service_id, sort_order) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < b.counters().size(); i++) {
                CounterConfig ctr = b.counters().get(i);
                counters.setString(1, b.id());
                counters.setString(2, ctr.id());
                counters.setInt(3, i);
                counters.setString(4, ctr.name());
                counters.addBatch();
                for (int j = 0; j < ctr.services().size(); j++) {
                    links.setString(1, b.id());
                    links.setString(2, ctr.id());
                    links.setString(3, ctr.services().get(j));
                    links.setInt(4, j);
                    links.addBatch();
                }
            }
            counters.executeBatch();
            links.executeBatch();
        }
    }

    /** Loads one branch, or every branch when {@code branchId} is null, ordered by id. */
    private static List<BranchConfig> load(Connection c, String branchId) throws SQLException {
        String where = branchId == null ? "" : " WHERE branch_id = ?";
        Map<String, List<ServiceConfig>> services = new LinkedHashMap<>();
        try (ResultSet rs = query(c, "SELECT branch_id, id, name, prefix, daily_capacity, target_wait_seconds,"
                + " no_show_grace_seconds, notify_ahead FROM services" + where + " ORDER BY branch_id, sort_order",
                branchId)) {
            while (rs.next()) {
                services.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new ServiceConfig(
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getObject(5, Integer.class),
                        rs.getInt(6), rs.getInt(7), rs.getObject(8, Integer.class)));
            }
        }
        Map<String, Map<String, List<String>>> links = new LinkedHashMap<>();
        try (ResultSet rs = query(c, "SELECT branch_id, counter_id, service_id FROM counter_services" + where
                + " ORDER BY branch_id, counter_id, sort_order", branchId)) {
            while (rs.next()) {
                links.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                        .computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getString(3));
            }
        }
        Map<String, List<CounterConfig>> counters = new LinkedHashMap<>();
        try (ResultSet rs = query(c, "SELECT branch_id, id, name FROM counters" + where
                + " ORDER BY branch_id, sort_order", branchId)) {
            while (rs.next()) {
                String branch = rs.getString(1);
                String id = rs.getString(2);
                List<String> served = links.getOrDefault(branch, Map.of()).getOrDefault(id, List.of());
                counters.computeIfAbsent(branch, k -> new ArrayList<>())
                        .add(new CounterConfig(id, rs.getString(3), served));
            }
        }
        List<BranchConfig> result = new ArrayList<>();
        try (ResultSet rs = query(c, "SELECT id, name, time_zone, business_day_start, opening_hours, closed_days,"
                + " remote_queueing, version FROM branches" + (branchId == null ? "" : " WHERE id = ?")
                + " ORDER BY id", branchId)) {
            while (rs.next()) {
                String id = rs.getString(1);
                result.add(new BranchConfig(id, rs.getString(2), ZoneId.of(rs.getString(3)),
                        rs.getObject(4, LocalTime.class), OpeningHours.fromText(parse(rs.getString(5), HOURS)),
                        parse(rs.getString(6), DATES).stream().map(LocalDate::parse).toList(), rs.getBoolean(7),
                        rs.getLong(8), services.getOrDefault(id, List.of()), counters.getOrDefault(id, List.of())));
            }
        }
        return result;
    }

    private static ResultSet query(Connection c, String sql, String branchId) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        if (branchId != null) {
            ps.setString(1, branchId);
        }
        ps.closeOnCompletion();
        return ps.executeQuery();
    }

    private interface Read<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one read-only transaction whose statements all see one snapshot. */
    private <T> T read(String what, Read<T> work) {
        return inTransaction(what, true, work);
    }

    private <T> T inTransaction(String what, boolean readOnly, Read<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            if (readOnly) {
                c.setTransactionIsolation(Database.snapshotIsolation(c));
                c.setReadOnly(true);
            }
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException("Cannot " + what, e);
        }
    }

    /** Rolls back without letting a second failure (a dropped connection) hide the first. */
    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return "23505".equals(state) || "40001".equals(state) || "40P01".equals(state);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value + " as JSON", e);
        }
    }

    private static <T> T parse(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored configuration is not valid JSON: " + Rules.shorten(text), e);
        }
    }
}
