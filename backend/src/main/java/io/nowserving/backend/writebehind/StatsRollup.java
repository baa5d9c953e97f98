package io.nowserving.backend.writebehind;

import io.nowserving.backend.sql.SecondsHistogram;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The pre-aggregated statistics of V7 ({@code stats_days}, {@code stats_slots}), accumulated over one write-behind
 * transaction and merged into the stored rows in it, so they commit or roll back with the events they count. Each
 * figure means exactly what analytics' event replay counts (analytics.stats: SummaryReport, WaitReplay,
 * HeatmapReport): issues and outcomes come from the ticket rows as projected, the outcome of a row that changes
 * (a no-show that returns, a reopened ticket) taken back and counted anew; waits from the events in seq order, the
 * wait start carried on the ticket row ({@code wait_since}) across batches.
 */
final class StatsRollup {
    static final String BRANCH = "branch";
    static final String SERVICE = "service";
    static final String COUNTER = "counter";
    static final String CLERK = "clerk";
    private static final long SLOT_SECONDS = 900;

    private record DayKey(String branch, LocalDate day, String kind, String key) {
    }

    private record SlotKey(String branch, long slot) {
    }

    /** What a ticket row adds to the figures: its issue and its outcome. */
    record Contribution(Instant issuedAt, String originalService, Instant calledAt, Instant closedAt, String status,
                        String service, String counter, String calledBy) {
        static final Contribution NONE = new Contribution(null, null, null, null, null, null, null, null);

        static Contribution of(TicketRow r) {
            return new Contribution(r.issuedAt, r.originalService, r.calledAt, r.closedAt, r.status, r.service,
                    r.counter, r.calledBy);
        }
    }

    private static final class Day {
        long events;
        long issued;
        long served;
        long noShow;
        long cancelled;
        long reset;
        long calls;
        long estimates;
        long withinEstimate;
        long secondsOutside;
        final SecondsHistogram waits = new SecondsHistogram();
        final SecondsHistogram services = new SecondsHistogram();
    }

    private static final class Slot {
        long issued;
        long calls;
        long waitSum;
    }

    private final Map<DayKey, Day> days = new LinkedHashMap<>();
    private final Map<SlotKey, Slot> slots = new LinkedHashMap<>();
    /** Each branch's newest event stored in this batch (stats_heads). */
    private final Map<String, StreamEvent> heads = new LinkedHashMap<>();

    /** One stored event, counted on its business day (analytics checks cached per-day results against it). */
    void event(StreamEvent e, BusinessDays bd) {
        day(e.branch(), bd.dayOf(Instant.ofEpochMilli(e.atMs())), BRANCH, "").events++;
        heads.merge(e.branch(), e, (a, b) -> b.seq() > a.seq() ? b : a);
    }

    /** Replaces a ticket's contribution {@code before} by {@code after}. */
    void ticket(String branch, Contribution before, Contribution after, BusinessDays bd) {
        if (!before.equals(after)) {
            count(branch, before, -1, bd);
            count(branch, after, 1, bd);
        }
    }

    private void count(String branch, Contribution c, int sign, BusinessDays bd) {
        if (c.issuedAt() != null) {
            LocalDate d = bd.dayOf(c.issuedAt());
            day(branch, d, BRANCH, "").issued += sign;
            if (c.originalService() != null) {
                day(branch, d, SERVICE, c.originalService()).issued += sign;
            }
            slot(branch, c.issuedAt()).issued += sign;
        }
        if (c.closedAt() == null || c.status() == null) {
            return;
        }
        LocalDate d = bd.dayOf(c.closedAt());
        Long serviceSeconds = "completed".equals(c.status()) && c.calledAt() != null
                ? Math.max(0, seconds(c.closedAt()) - seconds(c.calledAt())) : null;
        outcome(day(branch, d, BRANCH, ""), c.status(), serviceSeconds, sign);
        if (c.service() != null) {
            outcome(day(branch, d, SERVICE, c.service()), c.status(), serviceSeconds, sign);
        }
        if (c.status().equals("completed") || c.status().equals("no_show")) {
            if (c.counter() != null) {
                outcome(day(branch, d, COUNTER, c.counter()), c.status(), serviceSeconds, sign);
            }
            if (c.calledBy() != null) {
                outcome(day(branch, d, CLERK, c.calledBy()), c.status(), serviceSeconds, sign);
            }
        }
    }

    private static void outcome(Day d, String status, Long serviceSeconds, int sign) {
        switch (status) {
            case "completed" -> {
                d.served += sign;
                if (serviceSeconds != null) {
                    d.services.add(serviceSeconds, sign);
                }
            }
            case "no_show" -> d.noShow += sign;
            case "cancelled" -> d.cancelled += sign;
            case "reset" -> d.reset += sign;
            default -> { }
        }
    }

    /**
     * The wait bookkeeping of one ticket event, in seq order, after the projection applied it: a wait starts at an
     * issue, transfer or return, ends uncounted at a cancel or reset, and a call ends it as one wait in the service
     * called from (WaitReplay's rules; a call without a known start counts from the ticket's queue time).
     */
    void waits(TicketRow row, StreamEvent e, BusinessDays bd) {
        Instant at = Instant.ofEpochMilli(e.atMs());
        switch (e.type()) {
            case "ticket.issued" -> start(row, at, true);
            case "ticket.transferred", "ticket.returned" -> start(row, at, false);
            case "ticket.cancelled", "ticket.reset" -> row.waitSince = null;
            case "ticket.called" -> {
                var t = e.envelope().path("ticket");
                long since = row.waitSince != null ? seconds(row.waitSince)
                        : Math.floorDiv(t.path("queuedAt").asLong(e.atMs()), 1000);
                boolean fromIssue = row.waitSince != null && row.waitFromIssue;
                long calledAt = seconds(at);
                long wait = Math.max(0, calledAt - since);
                String service = t.hasNonNull("service") ? t.get("service").asText() : null;
                var actor = e.envelope().path("actor").path("id");
                String clerk = actor.isTextual() ? actor.asText() : null;
                LocalDate d = bd.dayOf(at);
                call(day(e.branch(), d, BRANCH, ""), wait, fromIssue, row);
                if (service != null) {
                    call(day(e.branch(), d, SERVICE, service), wait, fromIssue, row);
                }
                if (e.counterId() != null) {
                    day(e.branch(), d, COUNTER, e.counterId()).calls++;
                }
                if (clerk != null) {
                    day(e.branch(), d, CLERK, clerk).calls++;
                }
                Slot s = slot(e.branch(), at);
                s.calls++;
                s.waitSum += wait;
                row.waitSince = null;
                row.waitFromIssue = false;
            }
            default -> { }
        }
    }

    private static void start(TicketRow row, Instant at, boolean fromIssue) {
        row.waitSince = at;
        row.waitFromIssue = fromIssue;
    }

    private static void call(Day d, long wait, boolean fromIssue, TicketRow row) {
        d.calls++;
        d.waits.add(wait, 1);
        if (fromIssue && row.estimateMin != null && row.estimateMax != null) {
            d.estimates++;
            if (wait < row.estimateMin) {
                d.secondsOutside += row.estimateMin - wait;
            } else if (wait > row.estimateMax) {
                d.secondsOutside += wait - row.estimateMax;
            } else {
                d.withinEstimate++;
            }
        }
    }

    private Day day(String branch, LocalDate d, String kind, String key) {
        return days.computeIfAbsent(new DayKey(branch, d, kind, key), k -> new Day());
    }

    private Slot slot(String branch, Instant at) {
        return slots.computeIfAbsent(new SlotKey(branch, Math.floorDiv(at.getEpochSecond(), SLOT_SECONDS)
                * SLOT_SECONDS), k -> new Slot());
    }

    private static long seconds(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), 1000);
    }

    /** Merges what was accumulated into the stored rows (read, add, update or insert: one writer at a time). */
    void save(Connection c) throws SQLException {
        saveDays(c);
        saveSlots(c);
        saveHeads(c);
    }

    private void saveHeads(Connection c) throws SQLException {
        try (PreparedStatement read = c.prepareStatement("SELECT seq FROM stats_heads WHERE branch_id = ?");
                Merge m = new Merge(c, "UPDATE stats_heads SET seq = ?, at = ? WHERE branch_id = ?",
                        "INSERT INTO stats_heads (seq, at, branch_id) VALUES (?, ?, ?)")) {
            for (StreamEvent e : heads.values()) {
                read.setString(1, e.branch());
                Long stored;
                try (ResultSet rs = read.executeQuery()) {
                    stored = rs.next() ? rs.getLong(1) : null;
                }
                if (stored == null || e.seq() > stored) {
                    PreparedStatement ps = m.statement(stored != null);
                    ps.setLong(1, e.seq());
                    Jdbc.time(ps, 2, Instant.ofEpochMilli(e.atMs()));
                    ps.setString(3, e.branch());
                    m.add(stored != null);
                }
            }
            m.run();
        }
    }

    private void saveDays(Connection c) throws SQLException {
        if (days.isEmpty()) {
            return;
        }
        Map<String, Set<LocalDate>> touched = new LinkedHashMap<>();
        days.keySet().forEach(k -> touched.computeIfAbsent(k.branch(), b -> new LinkedHashSet<>()).add(k.day()));
        Map<DayKey, String[]> stored = new HashMap<>();
        Map<DayKey, long[]> storedCounts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT business_day, kind, row_key, events, issued, served,"
                + " no_show, cancelled, reset, calls, estimates, within_estimate, seconds_outside, wait_hist,"
                + " service_hist FROM stats_days WHERE branch_id = ? AND business_day = ?")) {
            for (Map.Entry<String, Set<LocalDate>> b : touched.entrySet()) {
                for (LocalDate d : b.getValue()) {
                    ps.setString(1, b.getKey());
                    ps.setObject(2, d);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            DayKey k = new DayKey(b.getKey(), rs.getObject(1, LocalDate.class), rs.getString(2),
                                    rs.getString(3));
                            long[] n = new long[10];
                            for (int i = 0; i < n.length; i++) {
                                n[i] = rs.getLong(4 + i);
                            }
                            storedCounts.put(k, n);
                            stored.put(k, new String[] {rs.getString(14), rs.getString(15)});
                        }
                    }
                }
            }
        }
        String cols = "events = ?, issued = ?, served = ?, no_show = ?, cancelled = ?, reset = ?, calls = ?,"
                + " estimates = ?, within_estimate = ?, seconds_outside = ?, wait_hist = ?, service_hist = ?";
        try (Merge m = new Merge(c, "UPDATE stats_days SET " + cols
                + " WHERE branch_id = ? AND business_day = ? AND kind = ? AND row_key = ?", "INSERT INTO stats_days"
                + " (events, issued, served, no_show, cancelled, reset, calls, estimates, within_estimate,"
                + " seconds_outside, wait_hist, service_hist, branch_id, business_day, kind, row_key)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<DayKey, Day> e : days.entrySet()) {
                DayKey k = e.getKey();
                Day d = e.getValue();
                long[] n = storedCounts.getOrDefault(k, new long[10]);
                long[] add = {d.events, d.issued, d.served, d.noShow, d.cancelled, d.reset, d.calls, d.estimates,
                        d.withinEstimate, d.secondsOutside};
                String[] hist = stored.get(k);
                SecondsHistogram waits = SecondsHistogram.parse(hist == null ? null : hist[0]);
                waits.addAll(d.waits);
                SecondsHistogram services = SecondsHistogram.parse(hist == null ? null : hist[1]);
                services.addAll(d.services);
                PreparedStatement ps = m.statement(hist != null);
                for (int i = 0; i < n.length; i++) {
                    ps.setLong(1 + i, n[i] + add[i]);
                }
                ps.setString(11, waits.format());
                ps.setString(12, services.format());
                ps.setString(13, k.branch());
                ps.setObject(14, k.day());
                ps.setString(15, k.kind());
                ps.setString(16, k.key());
                m.add(hist != null);
            }
            m.run();
        }
    }

    private void saveSlots(Connection c) throws SQLException {
        if (slots.isEmpty()) {
            return;
        }
        Map<SlotKey, long[]> stored = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT issued, calls, wait_sum FROM stats_slots"
                + " WHERE branch_id = ? AND slot_start = ?")) {
            for (SlotKey k : slots.keySet()) {
                ps.setString(1, k.branch());
                Jdbc.time(ps, 2, Instant.ofEpochSecond(k.slot()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        stored.put(k, new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
        }
        try (Merge m = new Merge(c, "UPDATE stats_slots SET issued = ?, calls = ?, wait_sum = ?"
                + " WHERE branch_id = ? AND slot_start = ?", "INSERT INTO stats_slots (issued, calls, wait_sum,"
                + " branch_id, slot_start) VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<SlotKey, Slot> e : slots.entrySet()) {
                long[] n = stored.get(e.getKey());
                PreparedStatement ps = m.statement(n != null);
                long[] base = n == null ? new long[3] : n;
                ps.setLong(1, base[0] + e.getValue().issued);
                ps.setLong(2, base[1] + e.getValue().calls);
                ps.setLong(3, base[2] + e.getValue().waitSum);
                ps.setString(4, e.getKey().branch());
                Jdbc.time(ps, 5, Instant.ofEpochSecond(e.getKey().slot()));
                m.add(n != null);
            }
            m.run();
        }
    }

    /** The UPDATE of stored rows and the INSERT of new ones, each run as one JDBC batch. */
    private static final class Merge implements AutoCloseable {
        private final PreparedStatement update;
        private final PreparedStatement insert;
        private int updates;
        private int inserts;

        Merge(Connection c, String update, String insert) throws SQLException {
            this.update = c.prepareStatement(update);
            try {
                this.insert = c.prepareStatement(insert);
            } catch (SQLException e) {
                this.update.close();
                throw e;
            }
        }

        /** The statement to bind a row to: the UPDATE for a stored row, else the INSERT. */
        PreparedStatement statement(boolean stored) {
            return stored ? update : insert;
        }

        /** Adds the row just bound to its batch. */
        void add(boolean stored) throws SQLException {
            statement(stored).addBatch();
            if (stored) {
                updates++;
            } else {
                inserts++;
            }
        }

        void run() throws SQLException {
            if (updates > 0) {
                update.executeBatch();
            }
            if (inserts > 0) {
                insert.executeBatch();
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                update.close();
            } finally {
                insert.close();
            }
        }
    }
}
