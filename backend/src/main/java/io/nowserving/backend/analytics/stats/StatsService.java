package io.nowserving.backend.analytics.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowserving.backend.analytics.DayRange;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.shared.api.Heatmap;
import io.nowserving.shared.api.HourlyStats;
import io.nowserving.shared.api.StatsSummary;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The managers' numbers, read from SQL (never Redis): each report reads one snapshot, takes its newest event as
 * {@code dataThrough}, and replays only events up to it. See docs/DECISIONS.md "Analytics" for every definition.
 */
public final class StatsService {
    private final DataSource dataSource;
    private final ObjectMapper json;

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
            return HeatmapReport.build(branch.id(), range, through(head), sql.tickets(branch.id(), range),
                    waits(sql, branch, range, head));
        }
    }

    public StatsSummary summary(BranchConfig branch, DayRange range) {
        try (StatsSql sql = StatsSql.open(dataSource, json)) {
            StatsSql.Head head = sql.head(branch.id());
            Collection<TicketFact> tickets = sql.tickets(branch.id(), range);
            WaitReplay waits = new WaitReplay();
            Map<String, List<String>> links = new LinkedHashMap<>();
            branch.counters().forEach(c -> links.put(c.id(), List.copyOf(c.services())));
            long start = range.start().getEpochSecond();
            long cap = head == null ? start : Math.min(range.end().getEpochSecond(), LoggedEvent.seconds(head.atMs()));
            IdleReplay idle = new IdleReplay(links, head == null ? Map.of()
                    : sql.countersBefore(branch.id(), range.start()), start,
                    range.boundaries().stream().map(Instant::getEpochSecond).toList(), cap);
            if (head != null) {
                sql.events(branch.id(), range, head.seq(), e -> {
                    waits.accept(e);
                    idle.accept(e);
                });
            }
            return SummaryReport.build(branch, range, through(head), tickets, waits.waits(), idle.finish(),
                    sql.usernames());
        }
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
