package io.nowserving.backend.analytics;

import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.CounterConfig;
import io.nowserving.backend.config.OpeningHours;
import io.nowserving.backend.config.ServiceConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;

/**
 * A busy branch's year written straight into SQL the way the write-behind leaves it: {@code events} (envelopes as
 * the queue scripts emit them, seq gapless and in time order), the projected {@code tickets} rows and
 * {@code counter_states}, by JDBC batches (not through HTTP or Redis: the point is the reads). Business days are
 * Monday to Saturday of {@link #FIRST}..{@link #LAST} less a few holidays (~300); each day's tickets follow an
 * hourly curve between 08:00 and 18:00 over four services, six counters with one clerk each per day; about 6 % are
 * no-shows (a sixth of them return and are served), 5 % are transferred once, 3 % cancelled, 2 % recalled. Seeded:
 * the same year every run. The events carry epoch {@code bench}, so they never meet a stream's own keys.
 */
final class BusyYear {
    static final String BRANCH = "busy";
    static final ZoneId ZONE = ZoneId.of("Asia/Taipei");
    static final LocalDate FIRST = LocalDate.of(2026, 1, 1);
    static final LocalDate LAST = LocalDate.of(2026, 12, 31);
    private static final String EPOCH = "bench";
    private static final String[] SERVICES = {"a", "b", "c", "d"};
    private static final double[] SERVICE_SHARE = {0.45, 0.25, 0.2, 0.1};
    private static final String[][] COUNTERS_OF = {{"1", "2", "3", "4"}, {"3", "4", "5"}, {"5", "6"}, {"6", "1"}};
    /** Relative arrivals per hour from 08:00 to 17:00 (the lunch peak and the after-work peak). */
    private static final double[] CURVE = {4, 8, 10, 12, 13, 9, 8, 9, 12, 7};
    private static final int BATCH = 2000;

    private final Random random = new Random(15);
    private final List<LocalDate> days = new ArrayList<>();
    private long seq;
    private long ticketNo;
    private int events;

    static BranchConfig branch() {
        List<ServiceConfig> services = new ArrayList<>();
        for (int i = 0; i < SERVICES.length; i++) {
            services.add(new ServiceConfig(SERVICES[i], "Service " + SERVICES[i], String.valueOf((char) ('A' + i)),
                    null, 600 + 300 * i, 300));
        }
        List<CounterConfig> counters = new ArrayList<>();
        for (int c = 1; c <= 6; c++) {
            List<String> serves = new ArrayList<>();
            for (int s = 0; s < SERVICES.length; s++) {
                if (List.of(COUNTERS_OF[s]).contains(String.valueOf(c))) {
                    serves.add(SERVICES[s]);
                }
            }
            counters.add(new CounterConfig(String.valueOf(c), "Counter " + c, serves));
        }
        return new BranchConfig(BRANCH, "Busy branch", ZONE, LocalTime.of(4, 0), OpeningHours.ALWAYS, List.of(),
                true, 0, services, counters);
    }

    BusyYear() {
        List<LocalDate> holidays = List.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 16),
                LocalDate.of(2026, 2, 17), LocalDate.of(2026, 2, 18), LocalDate.of(2026, 2, 19),
                LocalDate.of(2026, 2, 20), LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6),
                LocalDate.of(2026, 6, 19), LocalDate.of(2026, 9, 25), LocalDate.of(2026, 10, 9),
                LocalDate.of(2026, 10, 10));
        for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays.contains(d)) {
                days.add(d);
            }
        }
    }

    List<LocalDate> days() {
        return days;
    }

    /** One event: its time, type and envelope JSON (seq filled in once the day is sorted). */
    private record Ev(long atMs, String type, String json) {
    }

    /** One ticket row as the projection leaves it. */
    private record Row(String id, String number, String originalService, String service, LocalDate day,
                       String status, long issuedMs, Long firstCalledMs, Long calledMs, Long closedMs,
                       String counter, String calledBy, int estMin, int estMax, int ahead, int transfers, int recalls,
                       long score) {
    }

    /** Writes {@code tickets} tickets (spread evenly over the days) and their events; returns the event count. */
    int write(DataSource ds, int tickets) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ev = c.prepareStatement(
                    "INSERT INTO events (branch_id, epoch, seq, type, at, payload) VALUES (?, ?, ?, ?, ?, ?)");
                    PreparedStatement tk = c.prepareStatement("INSERT INTO tickets (branch_id, id, number,"
                            + " original_service, service, business_day, status, priority, language, channel,"
                            + " queue_score, issued_at, first_called_at, called_at, closed_at, counter_id, called_by,"
                            + " estimate_min_seconds, estimate_max_seconds, estimate_ahead, transfers, recalls,"
                            + " last_seq) VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, 'zh-TW', 'kiosk', ?, ?, ?, ?, ?, ?, ?,"
                            + " ?, ?, ?, ?, ?, ?)")) {
                int pending = 0;
                for (int i = 0; i < days.size(); i++) {
                    int perDay = tickets / days.size() + (i < tickets % days.size() ? 1 : 0);
                    List<Ev> evs = new ArrayList<>();
                    List<Row> rows = new ArrayList<>();
                    day(days.get(i), perDay, evs, rows);
                    evs.sort(Comparator.comparingLong(Ev::atMs));
                    java.util.Map<String, Long> lastSeq = new java.util.HashMap<>();
                    for (Ev e : evs) {
                        seq++;
                        ev.setString(1, BRANCH);
                        ev.setString(2, EPOCH);
                        ev.setLong(3, seq);
                        ev.setString(4, e.type());
                        ev.setObject(5, utc(e.atMs()));
                        String json = "{\"v\":1,\"epoch\":\"" + EPOCH + "\",\"seq\":" + seq + "," + e.json() + "}";
                        ev.setString(6, json);
                        ev.addBatch();
                        int t = json.indexOf("\"ticket\":{\"id\":\"");
                        if (t >= 0) {
                            lastSeq.put(json.substring(t + 16, t + 16 + 26), seq);
                        }
                        if (++pending == BATCH) {
                            ev.executeBatch();
                            tk.executeBatch();
                            c.commit();
                            pending = 0;
                        }
                    }
                    events += evs.size();
                    for (Row r : rows) {
                        int k = 1;
                        tk.setString(k++, BRANCH);
                        tk.setString(k++, r.id());
                        tk.setString(k++, r.number());
                        tk.setString(k++, r.originalService());
                        tk.setString(k++, r.service());
                        tk.setObject(k++, r.day());
                        tk.setString(k++, r.status());
                        tk.setLong(k++, r.score());
                        tk.setObject(k++, utc(r.issuedMs()));
                        tk.setObject(k++, utc(r.firstCalledMs()));
                        tk.setObject(k++, utc(r.calledMs()));
                        tk.setObject(k++, utc(r.closedMs()));
                        tk.setString(k++, r.counter());
                        tk.setString(k++, r.calledBy());
                        tk.setInt(k++, r.estMin());
                        tk.setInt(k++, r.estMax());
                        tk.setInt(k++, r.ahead());
                        tk.setInt(k++, r.transfers());
                        tk.setInt(k++, r.recalls());
                        tk.setLong(k, lastSeq.get(r.id()));
                        tk.addBatch();
                    }
                }
                ev.executeBatch();
                tk.executeBatch();
                try (PreparedStatement cs = c.prepareStatement("INSERT INTO counter_states (branch_id, counter_id,"
                        + " state, clerk, last_seq) VALUES (?, ?, 'closed', NULL, ?)")) {
                    for (int n = 1; n <= 6; n++) {
                        cs.setString(1, BRANCH);
                        cs.setString(2, String.valueOf(n));
                        cs.setLong(3, seq);
                        cs.addBatch();
                    }
                    cs.executeBatch();
                }
                c.commit();
            }
        }
        return events;
    }

    private void day(LocalDate d, int tickets, List<Ev> evs, List<Row> rows) {
        long open = d.atTime(7, 50).atZone(ZONE).toInstant().toEpochMilli();
        long close = d.atTime(18, 40).atZone(ZONE).toInstant().toEpochMilli();
        String[] clerks = new String[7];
        for (int c = 1; c <= 6; c++) {
            clerks[c] = "clerk-" + ((d.getDayOfYear() + c) % 9);
            evs.add(new Ev(open + c, "counter.changed", counterJson("counter.changed", open + c, String.valueOf(c),
                    "open", clerks[c])));
            evs.add(new Ev(close + c, "counter.changed", counterJson("counter.changed", close + c,
                    String.valueOf(c), "closed", clerks[c])));
        }
        double total = 0;
        for (double w : CURVE) {
            total += w;
        }
        int[] perService = new int[SERVICES.length];
        for (int i = 0; i < tickets; i++) {
            double u = random.nextDouble() * total;
            int h = 0;
            while (u > CURVE[h] && h < CURVE.length - 1) {
                u -= CURVE[h++];
            }
            long issued = d.atTime(8 + h, 0).atZone(ZONE).toInstant().toEpochMilli()
                    + (long) (random.nextDouble() * 3_600_000);
            int s = pick();
            perService[s]++;
            ticket(d, issued, s, perService[s], clerks, evs, rows);
        }
    }

    private int pick() {
        double u = random.nextDouble();
        for (int s = 0; s < SERVICE_SHARE.length; s++) {
            if (u < SERVICE_SHARE[s]) {
                return s;
            }
            u -= SERVICE_SHARE[s];
        }
        return SERVICE_SHARE.length - 1;
    }

    private void ticket(LocalDate d, long issued, int s, int n, String[] clerks, List<Ev> evs, List<Row> rows) {
        String id = String.format("01BUSY%020d", ++ticketNo);
        String service = SERVICES[s];
        String number = (char) ('A' + s) + String.format("%03d", n);
        int ahead = random.nextInt(15);
        int estMin = ahead * 60;
        int estMax = ahead * 120 + 60;
        evs.add(new Ev(issued, "ticket.issued", "\"type\":\"ticket.issued\",\"at\":" + issued + ","
                + ticketJson(id, number, service, "waiting", issued) + ",\"estimateShown\":{\"minSeconds\":" + estMin
                + ",\"maxSeconds\":" + estMax + ",\"ahead\":" + ahead + "}"));
        double fate = random.nextDouble();
        if (fate < 0.03) {
            long cancelled = issued + 60_000 + random.nextInt(900_000);
            evs.add(new Ev(cancelled, "ticket.cancelled", ticketEvent("ticket.cancelled", cancelled, id, number,
                    service, "cancelled", issued, null, null)));
            rows.add(new Row(id, number, service, service, d, "cancelled", issued, null, null, cancelled, null, null,
                    estMin, estMax, ahead, 0, 0, issued));
            return;
        }
        long queued = issued;
        String now = service;
        int transfers = 0;
        int recalls = 0;
        long called = queued + 30_000 + random.nextInt(1_500_000);
        String counter = counterFor(now);
        Long firstCalled = called;
        evs.add(new Ev(called, "ticket.called", ticketEvent("ticket.called", called, id, number, now, "called",
                queued, counter, clerks[Integer.parseInt(counter)])));
        if (fate < 0.08) {
            long moved = called + 60_000 + random.nextInt(240_000);
            String to = SERVICES[(s + 1 + random.nextInt(SERVICES.length - 1)) % SERVICES.length];
            evs.add(new Ev(moved, "ticket.transferred", ticketEvent("ticket.transferred", moved, id, number, to,
                    "waiting", queued, counter, clerks[Integer.parseInt(counter)])));
            transfers++;
            now = to;
            called = moved + 30_000 + random.nextInt(900_000);
            counter = counterFor(now);
            evs.add(new Ev(called, "ticket.called", ticketEvent("ticket.called", called, id, number, now, "called",
                    queued, counter, clerks[Integer.parseInt(counter)])));
        }
        if (random.nextDouble() < 0.02) {
            long recalled = called + 20_000 + random.nextInt(40_000);
            evs.add(new Ev(recalled, "ticket.recalled", ticketEvent("ticket.recalled", recalled, id, number, now,
                    "called", queued, counter, clerks[Integer.parseInt(counter)])));
            recalls++;
            called = recalled;
        }
        String status = "completed";
        if (random.nextDouble() < 0.06) {
            long gone = called + 60_000 + random.nextInt(120_000);
            evs.add(new Ev(gone, "ticket.no_show", ticketEvent("ticket.no_show", gone, id, number, now, "no_show",
                    queued, counter, clerks[Integer.parseInt(counter)])));
            if (random.nextInt(6) > 0) {
                rows.add(new Row(id, number, service, now, d, "no_show", issued, firstCalled, called, gone, counter,
                        clerks[Integer.parseInt(counter)], estMin, estMax, ahead, transfers, recalls, issued));
                return;
            }
            long back = gone + 30_000 + random.nextInt(120_000);
            evs.add(new Ev(back, "ticket.returned", ticketEvent("ticket.returned", back, id, number, now, "waiting",
                    queued, null, null)));
            called = back + 30_000 + random.nextInt(600_000);
            counter = counterFor(now);
            evs.add(new Ev(called, "ticket.called", ticketEvent("ticket.called", called, id, number, now, "called",
                    queued, counter, clerks[Integer.parseInt(counter)])));
        }
        long done = called + 60_000 + random.nextInt(540_000);
        evs.add(new Ev(done, "ticket.completed", ticketEvent("ticket.completed", done, id, number, now, status,
                queued, counter, clerks[Integer.parseInt(counter)])));
        rows.add(new Row(id, number, service, now, d, status, issued, firstCalled, called, done, counter,
                clerks[Integer.parseInt(counter)], estMin, estMax, ahead, transfers, recalls, issued));
    }

    private String counterFor(String service) {
        for (int s = 0; s < SERVICES.length; s++) {
            if (SERVICES[s].equals(service)) {
                return COUNTERS_OF[s][random.nextInt(COUNTERS_OF[s].length)];
            }
        }
        throw new IllegalArgumentException(service);
    }

    private static String ticketJson(String id, String number, String service, String status, long queued) {
        return "\"ticket\":{\"id\":\"" + id + "\",\"number\":\"" + number + "\",\"service\":\"" + service
                + "\",\"status\":\"" + status + "\",\"priority\":false,\"queuedAt\":" + queued + "}";
    }

    private static String ticketEvent(String type, long at, String id, String number, String service, String status,
                                      long queued, String counter, String clerk) {
        String s = "\"type\":\"" + type + "\",\"at\":" + at + "," + ticketJson(id, number, service, status, queued);
        if (counter != null) {
            boolean serving = type.equals("ticket.called") || type.equals("ticket.recalled");
            s += ",\"counter\":{\"id\":\"" + counter + "\",\"state\":\"open\",\"currentTicket\":"
                    + (serving ? "\"" + id + "\"" : "null") + "},\"actor\":{\"id\":\"" + clerk + "\"}";
        }
        return s;
    }

    private static String counterJson(String type, long at, String counter, String state, String clerk) {
        return "\"type\":\"" + type + "\",\"at\":" + at + ",\"counter\":{\"id\":\"" + counter + "\",\"state\":\""
                + state + "\",\"clerk\":\"" + clerk + "\"},\"actor\":{\"id\":\"" + clerk + "\"}";
    }

    private static OffsetDateTime utc(Long ms) {
        return ms == null ? null : OffsetDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC);
    }
}
