package io.nowserving.backend.analytics.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowserving.backend.analytics.DayRange;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.shared.api.Heatmap;
import io.nowserving.shared.api.HourlyStats;
import io.nowserving.shared.api.StatsSummary;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The managers' numbers, read from SQL (never Redis): each report reads one snapshot, takes its newest event as
 * {@code dataThrough}, and counts only what is committed up to it. The hourly heat of one day replays that day's
 * events; the summary and the heatmap read the write-behind's pre-aggregated rows (V7, committed with the events
 * they count, so equal to a replay), the summary's idle time from per-day results kept in {@code stats_idle}
 * and replayed only for the days without a valid one. See docs/DECISIONS.md "Analytics" for every definition.
 */
public final class StatsService {
    private final DataSource dataSource;
    private final ObjectMapper json;
    private final AtomicLong idleDaysReplayed = new AtomicLong();

    public StatsService(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public HourlyStats hourly(BranchConfig branch, DayRange day) {
        try (StatsSql sql = StatsSql.open(dataSource, json)) {
            StatsSql.Head head = sql.head(branch.id());
            return HourlyReport.build(branch.id(), day, through(head), sql.tickets(branch.id(), day),
                    waits(sql, branch, day, head));
        }
    }

    public Heatmap heatmap(BranchConfig branch, DayRange range) {
        try (StatsSql sql = StatsSql.open(dataSource, json)) {
            StatsSql.Head head = sql.head(branch.id());
            if (sql.rollupsReady() && HeatmapReport.slotsFit(range)) {
                return HeatmapReport.fromSlots(branch.id(), range, through(head), sql.slots(branch.id(), range));
            }
            return HeatmapReport.build(branch.id(), range, through(head), sql.tickets(branch.id(), range),
                    waits(sql, branch, range, head));
        }
    }

    /** The heatmap by replaying the events of the range (the definition the rollup must equal). */
    Heatmap heatmapByReplay(BranchConfig branch, DayRange range) {
        try (StatsSql sql = StatsSql.open(dataSource, json)) {
            StatsSql.Head head = sql.head(branch.id());
            return HeatmapReport.build(branch.id(), range, through(head), sql.tickets(branch.id(), range),
                    waits(sql, branch, range, head));
        }
    }

    public StatsSummary summary(BranchConfig branch, DayRange range) {
        try (StatsSql sql = StatsSql.open(dataSource, json)) {
            if (!sql.rollupsReady()) {
                return summaryByReplay(sql, branch, range);
            }
            StatsSql.Head head = sql.head(branch.id());
            List<StatsSql.RollupRow> rows = new ArrayList<>();
            Map<LocalDate, Long> events = new HashMap<>();
            sql.rollups(branch.id(), range, row -> {
                rows.add(row);
                if (row.kind().equals("branch")) {
                    events.put(row.day(), row.events());
                }
            });
            Map<String, Long> idle = IdleDays.idle(sql, dataSource, branch, range, head, events,
                    idleDaysReplayed);
            return SummaryReport.fromRollups(branch, range, through(head), rows, idle, sql.usernames());
        }
    }

    /** The days this service's summaries replayed for idle time, not finding them kept (tests observe it). */
    long idleDaysReplayed() {
        return idleDaysReplayed.get();
    }

    /** The summary by replaying the events of the range (the definition the rollup must equal). */
    StatsSummary summaryByReplay(BranchConfig branch, DayRange range) {
        try (StatsSql sql = StatsSql.open(dataSource, json)) {
            return summaryByReplay(sql, branch, range);
        }
    }

    private static StatsSummary summaryByReplay(StatsSql sql, BranchConfig branch, DayRange range) {
        StatsSql.Head head = sql.head(branch.id());
        Collection<TicketFact> tickets = sql.tickets(branch.id(), range);
        WaitReplay waits = new WaitReplay();
        IdleReplay idle = idleReplay(sql, branch, range, head);
        if (head != null) {
            sql.events(branch.id(), range, head.seq(), e -> {
                waits.accept(e);
                idle.accept(e);
            });
        }
        return SummaryReport.build(branch, range, through(head), tickets, waits.waits(), idle.finish(),
                sql.usernames());
    }

    /** The idle-time replay of a range, set up with the counters' states before it; fed the range's events. */
    static IdleReplay idleReplay(StatsSql sql, BranchConfig branch, DayRange range, StatsSql.Head head) {
        Map<String, List<String>> links = new LinkedHashMap<>();
        branch.counters().forEach(c -> links.put(c.id(), List.copyOf(c.services())));
        long start = range.start().getEpochSecond();
        long cap = head == null ? start : Math.min(range.end().getEpochSecond(), LoggedEvent.seconds(head.atMs()));
        return new IdleReplay(links, head == null ? Map.of() : sql.countersBefore(branch.id(), range.start()), start,
                range.boundaries().stream().map(Instant::getEpochSecond).toList(), cap);
    }

    private static List<WaitReplay.Wait> waits(StatsSql sql, BranchConfig branch, DayRange range, StatsSql.Head head) {
        WaitReplay waits = new WaitReplay();
        if (head != null) {
            sql.events(branch.id(), range, head.seq(), waits);
        }
        return waits.waits();
    }

    private static Long through(StatsSql.Head head) {
        return head == null ? null : head.atMs();
    }
}
