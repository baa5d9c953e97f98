package io.nowserving.backend.analytics.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowserving.backend.analytics.DayRange;
import io.nowserving.backend.analytics.HistoryHead;
import io.nowserving.backend.sql.DatabaseException;
import io.nowserving.backend.sql.SecondsHistogram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The SQL reads of analytics, all inside one read-only REPEATABLE READ transaction (one snapshot on PostgreSQL),
 * so that {@link #dataThrough} and the rows read agree: events newer than the snapshot's highest seq are never
 * replayed. Reads {@code events} and {@code tickets} as the write-behind projects them (V3__history.sql) and
 * {@code users} for names; writes nothing.
 */
final class StatsSql implements AutoCloseable {
    private static final String COUNTER_TYPES = "'counter.changed', 'ticket.called', 'ticket.recalled',"
            + " 'ticket.reopened', 'ticket.completed', 'ticket.no_show', 'ticket.transferred'";
    private static final int FETCH = 1000;
    /** The widest window of {@link #countersBefore}'s backward scan (what one read holds in memory at most). */
    private static final long MAX_WINDOW_SECONDS = 16 * 86_400;

    /** The newest committed event of a branch: its seq and time (epoch ms). */
    record Head(long seq, long atMs) {
    }

    /** A counter's state and whether it served a ticket, just before some moment. */
    record CounterState(String state, boolean serving) {
        static final CounterState CLOSED = new CounterState("closed", false);
    }

    /** One row of {@code stats_days}: a business day's figures of the branch, a service, a counter or a clerk. */
    record RollupRow(LocalDate day, String kind, String key, long events, int issued, int served, int noShow,
                     int cancelled, int reset, int calls, long estimates, long withinEstimate, long secondsOutside,
                     SecondsHistogram waits, SecondsHistogram services) {
    }

    /** One row of {@code stats_slots}: a UTC quarter hour's issues, calls and the sum of their waits. */
    record Slot(long start, int issued, int calls, long waitSum) {
    }

    /** A cached day of idle time: per counter, with the links and event count it was computed with. */
    record IdleDay(String links, long events, Map<String, Long> idle) {
    }

    private final Connection c;
    private final ObjectMapper json;

    private StatsSql(Connection c, ObjectMapper json) {
        this.c = c;
        this.json = json;
    }

    static StatsSql open(DataSource ds, ObjectMapper json) {
        try {
            Connection c = ds.getConnection();
            try {
                c.setAutoCommit(false);
                c.setReadOnly(true);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                return new StatsSql(c, json);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException("Cannot open a read transaction for analytics", e);
        }
    }

    /** The branch's newest committed event, or null when SQL holds none. */
    Head head(String branch) {
        try {
            HistoryHead h = HistoryHead.read(c, branch);
            return h == null ? null : new Head(h.seq(), h.atMs());
        } catch (SQLException e) {
            throw new DatabaseException("Cannot read analytics", e);
        }
    }

    /**
     * Tickets issued on the business days {@code from..to} or closed within {@code [start, end)}: everything a
     * report of those days counts. (The write-behind derives {@code business_day} from {@code issued_at} with the
     * same rule as {@link DayRange}, so the day filter is the issue-time filter, served by its index.)
     */
    Collection<TicketFact> tickets(String branch, DayRange r) {
        Map<String, TicketFact> rows = new LinkedHashMap<>();
        String cols = "SELECT id, original_service, service, status, issued_at, called_at, closed_at, counter_id,"
                + " called_by FROM tickets WHERE branch_id = ? AND ";
        query(cols + "business_day >= ? AND business_day <= ?", ps -> {
            ps.setString(1, branch);
            ps.setObject(2, r.from().minusDays(1));
            ps.setObject(3, r.to().plusDays(1));
            return readTickets(ps, rows);
        });
        query(cols + "closed_at >= ? AND closed_at < ?", ps -> {
            ps.setString(1, branch);
            ps.setObject(2, utc(r.start()));
            ps.setObject(3, utc(r.end()));
            return readTickets(ps, rows);
        });
        return rows.values();
    }

    /**
     * Replays the branch's events with {@code at} in {@code [start, end)} and seq up to {@code upTo}, in seq order:
     * one business day at a time, each read by {@code events_branch_at} and sorted here. (With ORDER BY seq in SQL,
     * H2 prefers to read the branch's whole history in seq order, which saves it the sort.) Seq order within each
     * day, days in order: seq and time go together within a branch stream.
     */
    void events(String branch, DayRange r, long upTo, Consumer<LoggedEvent> sink) {
        for (LocalDate d = r.from(); !d.isAfter(r.to()); d = d.plusDays(1)) {
            List<LoggedEvent> day = between(branch, r.startOf(d), r.startOf(d.plusDays(1)), "");
            day.sort(Comparator.comparingLong(LoggedEvent::seq));
            for (LoggedEvent e : day) {
                if (e.seq() <= upTo) {
                    sink.accept(e);
                }
            }
        }
    }

    /** The branch's events with {@code at} in {@code [from, to)} (and {@code and}, an extra condition), unordered. */
    private List<LoggedEvent> between(String branch, Instant from, Instant to, String and) {
        return query("SELECT seq, type, at, payload FROM events WHERE branch_id = ? AND at >= ? AND at < ?" + and,
                ps -> {
            ps.setString(1, branch);
            ps.setObject(2, utc(from));
            ps.setObject(3, utc(to));
            ps.setFetchSize(FETCH);
            List<LoggedEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(LoggedEvent.of(rs.getLong(1), rs.getString(2), millis(rs, 3), parse(rs.getString(4))));
                }
            }
            return out;
        });
    }

    /**
     * Each counter's state just before {@code before}: read backwards from the newest earlier event naming the
     * counter (its state), and the newest earlier ticket event there (serving or not). Only counters SQL has ever
     * seen an event of are looked for (counter_states), so a counter never used costs no scan. The scan goes back in
     * windows of time (a day, then twice as wide each time, up to 16 days) and stops once all are known or no earlier event is left:
     * one bounded range read by {@code events_branch_at} in the usual case, whatever the history's length. A counter
     * with no earlier event was closed (counters are created closed).
     */
    Map<String, CounterState> countersBefore(String branch, Instant before) {
        Set<String> pending = new HashSet<>(query("SELECT counter_id FROM counter_states WHERE branch_id = ?", ps -> {
            ps.setString(1, branch);
            Set<String> ids = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }));
        Map<String, String> states = new HashMap<>();
        Map<String, Boolean> serving = new HashMap<>();
        Instant earliest = pending.isEmpty() ? null : query("SELECT at FROM events WHERE branch_id = ?"
                + " ORDER BY branch_id, at LIMIT 1", ps -> {
            ps.setString(1, branch);
            try (ResultSet rs = ps.executeQuery()) {
                OffsetDateTime t = rs.next() ? rs.getObject(1, OffsetDateTime.class) : null;
                return t == null ? null : t.toInstant();
            }
        });
        Instant to = before;
        long window = 86_400;
        while (!pending.isEmpty() && earliest != null && to.isAfter(earliest)) {
            Instant from = to.minusSeconds(window);
            List<LoggedEvent> events = between(branch, from, to, " AND type IN (" + COUNTER_TYPES + ")");
            events.sort(Comparator.comparingLong(LoggedEvent::seq).reversed());
            for (LoggedEvent e : events) {
                String ctr = e.counter();
                if (pending.isEmpty()) {
                    break;
                }
                if (ctr == null || !pending.contains(ctr)) {
                    continue;
                }
                states.putIfAbsent(ctr, e.counterState());
                if (!e.type().equals("counter.changed")) {
                    serving.putIfAbsent(ctr, IdleReplay.startsServing(e.type()));
                }
                if (states.containsKey(ctr) && serving.containsKey(ctr)) {
                    pending.remove(ctr);
                }
            }
            to = from;
            window = Math.min(window * 2, MAX_WINDOW_SECONDS);
        }
        Map<String, CounterState> out = new HashMap<>();
        states.forEach((ctr, state) -> out.put(ctr, new CounterState(state == null ? "closed" : state,
                serving.getOrDefault(ctr, false))));
        return out;
    }

    /** Whether the write-behind has filled the pre-aggregated rows from the history before them (V7). */
    boolean rollupsReady() {
        return query("SELECT backfilled FROM stats_rollup_state WHERE id = 1", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        });
    }

    /** The pre-aggregated day rows of the business days {@code r.from()..r.to()}. */
    void rollups(String branch, DayRange r, Consumer<RollupRow> sink) {
        query("SELECT business_day, kind, row_key, events, issued, served, no_show, cancelled, reset, calls,"
                + " estimates, within_estimate, seconds_outside, wait_hist, service_hist FROM stats_days"
                + " WHERE branch_id = ? AND business_day >= ? AND business_day <= ?", ps -> {
            ps.setString(1, branch);
            ps.setObject(2, r.from());
            ps.setObject(3, r.to());
            ps.setFetchSize(FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new RollupRow(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
                            rs.getLong(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9),
                            rs.getInt(10), rs.getLong(11), rs.getLong(12), rs.getLong(13),
                            SecondsHistogram.parse(rs.getString(14)), SecondsHistogram.parse(rs.getString(15))));
                }
            }
            return null;
        });
    }

    /** The quarter-hour rows within {@code [start, end)}. */
    List<Slot> slots(String branch, DayRange r) {
        return query("SELECT slot_start, issued, calls, wait_sum FROM stats_slots WHERE branch_id = ?"
                + " AND slot_start >= ? AND slot_start < ?", ps -> {
            ps.setString(1, branch);
            ps.setObject(2, utc(r.start()));
            ps.setObject(3, utc(r.end()));
            ps.setFetchSize(FETCH);
            List<Slot> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Slot(rs.getObject(1, OffsetDateTime.class).toEpochSecond(), rs.getInt(2),
                            rs.getInt(3), rs.getLong(4)));
                }
            }
            return out;
        });
    }

    /** Each business day of {@code from..to} with day rows, and the events it stored (the branch row's count). */
    Map<LocalDate, Long> dayEvents(String branch, LocalDate from, LocalDate to) {
        return query("SELECT business_day, events FROM stats_days WHERE branch_id = ? AND kind = 'branch'"
                + " AND business_day >= ? AND business_day <= ?", ps -> {
            ps.setString(1, branch);
            ps.setObject(2, from);
            ps.setObject(3, to);
            Map<LocalDate, Long> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
                }
            }
            return out;
        });
    }

    /** The branch's first business day with day rows, or null when it has none. */
    LocalDate firstDay(String branch) {
        return query("SELECT MIN(business_day) FROM stats_days WHERE branch_id = ? AND kind = 'branch'", ps -> {
            ps.setString(1, branch);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, LocalDate.class) : null;
            }
        });
    }

    /** The cached idle days of the range, by day. */
    Map<LocalDate, IdleDay> idleDays(String branch, DayRange r) {
        return query("SELECT business_day, counter_id, links, events, idle_seconds FROM stats_idle"
                + " WHERE branch_id = ? AND business_day >= ? AND business_day <= ?", ps -> {
            ps.setString(1, branch);
            ps.setObject(2, r.from());
            ps.setObject(3, r.to());
            Map<LocalDate, IdleDay> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    IdleDay d = out.computeIfAbsent(rs.getObject(1, LocalDate.class),
                            k -> new IdleDay(null, -1, new LinkedHashMap<>()));
                    String links = rs.getString(3);
                    long events = rs.getLong(4);
                    if (d.links() == null) {
                        d = new IdleDay(links, events, d.idle());
                        out.put(rs.getObject(1, LocalDate.class), d);
                    } else if (!links.equals(d.links()) || events != d.events()) {
                        d = new IdleDay("", -1, d.idle()); // rows of two computations: never valid
                        out.put(rs.getObject(1, LocalDate.class), d);
                    }
                    d.idle().put(rs.getString(2), rs.getLong(5));
                }
            }
            return out;
        });
    }

    /** User id → username, for the per-staff rows. */
    Map<String, String> usernames() {
        return query("SELECT id, username FROM users", ps -> {
            Map<String, String> names = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getString(1), rs.getString(2));
                }
            }
            return names;
        });
    }

    @Override
    public void close() {
        try {
            try {
                c.rollback();
            } finally {
                c.close();
            }
        } catch (SQLException e) {
            throw new DatabaseException("Cannot end the analytics read transaction", e);
        }
    }

    private interface Statement<T> {
        T run(PreparedStatement ps) throws SQLException;
    }

    private <T> T query(String sql, Statement<T> work) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            return work.run(ps);
        } catch (SQLException e) {
            throw new DatabaseException("Cannot read analytics", e);
        }
    }

    private static Map<String, TicketFact> readTickets(PreparedStatement ps, Map<String, TicketFact> rows)
            throws SQLException {
        ps.setFetchSize(FETCH);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.putIfAbsent(rs.getString(1), new TicketFact(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), seconds(rs, 5), seconds(rs, 6), seconds(rs, 7), rs.getString(8),
                        rs.getString(9)));
            }
        }
        return rows;
    }

    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("an event payload in SQL is not JSON", e);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static long millis(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant().toEpochMilli();
    }

    private static Long seconds(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : LoggedEvent.seconds(t.toInstant().toEpochMilli());
    }
}
