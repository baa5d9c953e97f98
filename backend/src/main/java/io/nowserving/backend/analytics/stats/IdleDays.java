package io.nowserving.backend.analytics.stats;

import io.nowserving.backend.analytics.DayRange;
import io.nowserving.backend.config.BranchConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counter idle time while people waited (IdleReplay) over many days without replaying them all each time. The time
 * of one business day depends only on that day's events and the counters' states before it, so a complete day's
 * result is kept in {@code stats_idle} with the counter links it was computed with and the day's event count (from
 * the write-behind's rollup); it is used while both still hold. Other days (the first look, today, a day whose
 * events changed, a changed configuration) are replayed, consecutive ones in one pass, and the complete ones kept.
 * {@link IdleFill} keeps the complete days ahead of the question, in the background.
 */
final class IdleDays {
    private static final Logger log = LoggerFactory.getLogger(IdleDays.class);

    private IdleDays() {
    }

    /** Seconds idle per configured counter over the range; adds the number of days it replayed to {@code replayed}. */
    static Map<String, Long> idle(StatsSql sql, DataSource ds, BranchConfig branch, DayRange range, StatsSql.Head head,
                                  Map<LocalDate, Long> eventsByDay, AtomicLong replayed) {
        Map<String, Long> total = new LinkedHashMap<>();
        branch.counters().forEach(c -> total.put(c.id(), 0L));
        if (head == null) {
            return total;
        }
        String links = links(branch);
        Map<LocalDate, StatsSql.IdleDay> cached = sql.idleDays(branch.id(), range);
        List<LocalDate> missing = new ArrayList<>();
        for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
            StatsSql.IdleDay c = cached.get(d);
            if (complete(range, d, head) && valid(c, links, eventsByDay.getOrDefault(d, 0L))) {
                add(total, c.idle());
            } else {
                missing.add(d);
            }
        }
        Map<LocalDate, Map<String, Long>> store = new LinkedHashMap<>();
        int i = 0;
        while (i < missing.size()) {
            int j = i;
            while (j + 1 < missing.size() && missing.get(j + 1).equals(missing.get(j).plusDays(1))) {
                j++;
            }
            DayRange run = new DayRange(missing.get(i), missing.get(j), range.zone(), range.dayStart(),
                    range.startOf(missing.get(i)), range.startOf(missing.get(j).plusDays(1)));
            IdleReplay replay = StatsService.idleReplay(sql, branch, run, head);
            sql.events(branch.id(), run, head.seq(), replay);
            List<Map<String, Long>> byDay = replay.finishByDay();
            replayed.addAndGet(byDay.size());
            for (int k = 0; k < byDay.size(); k++) {
                LocalDate d = missing.get(i).plusDays(k);
                add(total, byDay.get(k));
                if (complete(range, d, head)) {
                    store.put(d, byDay.get(k));
                }
            }
            i = j + 1;
        }
        if (!store.isEmpty()) {
            keep(ds, branch.id(), links, store, eventsByDay);
        }
        return total;
    }

    /** Whether a kept day still holds: computed with these counter links and the day's present event count. */
    static boolean valid(StatsSql.IdleDay kept, String links, long events) {
        return kept != null && links.equals(kept.links()) && kept.events() == events;
    }

    /** Whether the data reaches past the day's end (a later event is committed): its idle time is final. */
    private static boolean complete(DayRange range, LocalDate d, StatsSql.Head head) {
        return head.atMs() >= range.startOf(d.plusDays(1)).toEpochMilli();
    }

    private static void add(Map<String, Long> total, Map<String, Long> day) {
        day.forEach((c, s) -> {
            if (total.containsKey(c)) {
                total.merge(c, s, Long::sum);
            }
        });
    }

    /** The configuration idle time depends on: each counter and the services it serves, in order. */
    static String links(BranchConfig branch) {
        return branch.counters().stream().map(c -> c.id() + ":" + String.join(",", c.services()))
                .collect(Collectors.joining(";"));
    }

    /** Keeps the days' results (a cache: a failure, e.g. a concurrent request keeping the same day, is logged). */
    private static void keep(DataSource ds, String branch, String links, Map<LocalDate, Map<String, Long>> days,
                             Map<LocalDate, Long> eventsByDay) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM stats_idle WHERE branch_id = ? AND business_day = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO stats_idle (branch_id, business_day,"
                            + " counter_id, links, events, idle_seconds) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Map.Entry<LocalDate, Map<String, Long>> d : days.entrySet()) {
                    del.setString(1, branch);
                    del.setObject(2, d.getKey());
                    del.addBatch();
                    for (Map.Entry<String, Long> ctr : d.getValue().entrySet()) {
                        ins.setString(1, branch);
                        ins.setObject(2, d.getKey());
                        ins.setString(3, ctr.getKey());
                        ins.setString(4, links);
                        ins.setLong(5, eventsByDay.getOrDefault(d.getKey(), 0L));
                        ins.setLong(6, ctr.getValue());
                        ins.addBatch();
                    }
                }
                del.executeBatch();
                ins.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            log.warn("could not keep the idle time of {} day(s) of branch {}: {}", days.size(), branch,
                    e.getMessage());
        }
    }
}
