package io.nowserving.backend.writebehind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The body of one write-behind transaction (after the fence check): the events not yet stored, then what derives
 * from the newly stored ones only (ticket rows, counter states, private hashes), then the token rotations. A key
 * already stored with the same payload is a duplicate (a redelivery); with another payload, an alarm.
 */
final class BatchWrite {
    private final Connection c;
    private final Function<String, BusinessDays> days;
    final List<StreamEvent> inserted = new ArrayList<>();
    int duplicates;
    final List<Alarm> alarms = new ArrayList<>();

    /** A conflicting second row: the key, and both payloads. */
    record Alarm(String branch, String epoch, long seq, String stored, String offered) {
    }

    BatchWrite(Connection c, Function<String, BusinessDays> days) {
        this.c = c;
        this.days = days;
    }

    void run(List<StreamEvent> events, List<TokenRotation> rotations) throws SQLException {
        Map<String, List<StreamEvent>> byStream = new LinkedHashMap<>();
        for (StreamEvent e : events) {
            byStream.computeIfAbsent(e.branch() + '\n' + e.epoch(), k -> new ArrayList<>()).add(e);
        }
        for (List<StreamEvent> group : byStream.values()) {
            storeEvents(group);
        }
        insertAlarms();
        inserted.sort(Comparator.comparingLong(StreamEvent::seq));
        Set<String> issuedHere = issuedHere();
        Savepoint beforeDerived = issuedHere.isEmpty() ? null : c.setSavepoint();
        try {
            derive(rotations, issuedHere);
        } catch (SQLException e) {
            if (beforeDerived == null || !Jdbc.isUniqueViolation(e)) {
                throw e;
            }
            // a ticket issued in this batch had a row already (a later event or a rotation delivered first):
            // derive again, looking every ticket up
            c.rollback(beforeDerived);
            derive(rotations, Set.of());
        }
    }

    /**
     * Ticket rows, private hashes and counter states of the newly stored events. Tickets in {@code assumedNew}
     * (issued in this batch: almost always new) are not looked up but inserted; one that exists after all makes the
     * insert fail with a unique violation, and the caller derives again without the assumption.
     */
    private void derive(List<TokenRotation> rotations, Set<String> assumedNew) throws SQLException {
        StatsRollup rollup = new StatsRollup();
        projectTickets(assumedNew, rollup);
        for (StreamEvent e : inserted) {
            rollup.event(e, daysOf(e.branch()));
        }
        rollup.save(c);
        SecretTable.save(c, inserted, rotations, assumedNew);
        CounterTable.save(c, inserted);
    }

    /** {@code branch + '\n' + ticket id} of every ticket.issued stored in this batch. */
    private Set<String> issuedHere() {
        Set<String> out = new HashSet<>();
        for (StreamEvent e : inserted) {
            if ("ticket.issued".equals(e.type()) && e.ticketId() != null) {
                out.add(key(e.branch(), e.ticketId()));
            }
        }
        return out;
    }

    static String key(String branch, String ticketId) {
        return branch + '\n' + ticketId;
    }

    private void storeEvents(List<StreamEvent> group) throws SQLException {
        StreamEvent first = group.get(0);
        long min = group.stream().mapToLong(StreamEvent::seq).min().orElseThrow();
        long max = group.stream().mapToLong(StreamEvent::seq).max().orElseThrow();
        Map<Long, String> stored = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, payload FROM events"
                + " WHERE branch_id = ? AND epoch = ? AND seq BETWEEN ? AND ?")) {
            ps.setString(1, first.branch());
            ps.setString(2, first.epoch());
            ps.setLong(3, min);
            ps.setLong(4, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO events (branch_id, epoch, seq, type, at, payload) VALUES (?, ?, ?, ?, ?, ?)")) {
            int batched = 0;
            for (StreamEvent e : group) {
                String old = stored.get(e.seq());
                if (old == null) {
                    stored.put(e.seq(), e.payload());
                    inserted.add(e);
                    ps.setString(1, e.branch());
                    ps.setString(2, e.epoch());
                    ps.setLong(3, e.seq());
                    ps.setString(4, e.type());
                    Jdbc.time(ps, 5, Instant.ofEpochMilli(e.atMs()));
                    ps.setString(6, e.payload());
                    ps.addBatch();
                    batched++;
                } else if (old.equals(e.payload())) {
                    duplicates++;
                } else {
                    alarms.add(new Alarm(e.branch(), e.epoch(), e.seq(), old, e.payload()));
                }
            }
            if (batched > 0) {
                ps.executeBatch();
            }
        }
    }

    /** Records each alarm once; {@link #alarms} keeps only the ones recorded now (to be logged once). */
    private void insertAlarms() throws SQLException {
        if (alarms.isEmpty()) {
            return;
        }
        List<Alarm> recorded = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO history_alarms (branch_id, epoch, seq, kind,"
                + " stored_payload, offered_payload, raised_at) VALUES (?, ?, ?, 'conflicting_event', ?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
            for (Alarm a : alarms) {
                ps.setString(1, a.branch());
                ps.setString(2, a.epoch());
                ps.setLong(3, a.seq());
                ps.setString(4, a.stored());
                ps.setString(5, a.offered());
                Jdbc.time(ps, 6, Instant.now());
                if (ps.executeUpdate() == 1) {
                    recorded.add(a);
                }
            }
        }
        alarms.clear();
        alarms.addAll(recorded);
    }

    /** The branch's business-day rule; for a branch no longer configured, UTC days (it has no reports). */
    private BusinessDays daysOf(String branch) {
        BusinessDays bd = days.apply(branch);
        return bd != null ? bd : BusinessDays.UTC;
    }

    private void projectTickets(Set<String> assumedNew, StatsRollup rollup) throws SQLException {
        Map<String, Set<String>> idsByBranch = new LinkedHashMap<>();
        for (StreamEvent e : inserted) {
            if (e.ticketId() != null) {
                idsByBranch.computeIfAbsent(e.branch(), b -> new LinkedHashSet<>()).add(e.ticketId());
            }
        }
        for (Map.Entry<String, Set<String>> branch : idsByBranch.entrySet()) {
            List<String> lookUp = new ArrayList<>();
            for (String id : branch.getValue()) {
                if (!assumedNew.contains(key(branch.getKey(), id))) {
                    lookUp.add(id);
                }
            }
            Map<String, TicketRow> rows = TicketTable.load(c, branch.getKey(), lookUp);
            Map<String, StatsRollup.Contribution> before = new HashMap<>();
            rows.forEach((id, r) -> before.put(id, StatsRollup.Contribution.of(r)));
            BusinessDays bd = days.apply(branch.getKey());
            BusinessDays statsDays = daysOf(branch.getKey());
            for (StreamEvent e : inserted) {
                if (e.branch().equals(branch.getKey()) && e.ticketId() != null) {
                    TicketRow row = rows.computeIfAbsent(e.ticketId(), id -> new TicketRow(e.branch(), id));
                    TicketProjection.apply(row, e, bd);
                    rollup.waits(row, e, statsDays);
                }
            }
            for (TicketRow r : rows.values()) {
                rollup.ticket(r.branch, before.getOrDefault(r.id, StatsRollup.Contribution.NONE),
                        StatsRollup.Contribution.of(r), statsDays);
            }
            TicketTable.save(c, rows.values());
        }
    }
}
