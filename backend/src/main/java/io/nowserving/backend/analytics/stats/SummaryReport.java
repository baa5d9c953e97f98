package io.nowserving.backend.analytics.stats;

import io.nowserving.backend.analytics.DayRange;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.CounterConfig;
import io.nowserving.backend.config.ServiceConfig;
import io.nowserving.shared.api.StatsSummary;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the KPI summary. Attribution: issues to the service issued in; outcomes to the service the ticket ended
 * in, and (completed and no-show) to the counter and staff member of its last call; waits to the service waited
 * in, calls to the counter and staff member who called. Services and counters come in configuration order (also
 * when idle), then any others the data names; staff by username.
 */
final class SummaryReport {
    private final BranchConfig branch;
    private final Tally total = new Tally();
    private final Map<String, Tally> services = new LinkedHashMap<>();
    private final Map<String, Tally> counters = new LinkedHashMap<>();
    private final Map<String, Tally> clerks = new LinkedHashMap<>();

    private SummaryReport(BranchConfig branch) {
        this.branch = branch;
        branch.services().forEach(s -> services.put(s.id(), new Tally()));
        branch.counters().forEach(c -> counters.put(c.id(), new Tally()));
    }

    static StatsSummary build(BranchConfig branch, DayRange r, Long dataThrough, Collection<TicketFact> tickets,
                              List<WaitReplay.Wait> waits, Map<String, Long> idle, Map<String, String> usernames) {
        SummaryReport s = new SummaryReport(branch);
        long start = r.start().getEpochSecond();
        long end = r.end().getEpochSecond();
        for (TicketFact t : tickets) {
            if (t.issuedWithin(start, end)) {
                s.total.issued++;
                s.row(s.services, t.originalService()).issued++;
            }
            if (t.closedWithin(start, end)) {
                s.total.outcome(t);
                s.row(s.services, t.service()).outcome(t);
                if (t.status().equals("completed") || t.status().equals("no_show")) {
                    s.row(s.counters, t.counter()).outcome(t);
                    s.row(s.clerks, t.calledBy()).outcome(t);
                }
            }
        }
        for (WaitReplay.Wait w : waits) {
            if (w.calledAt() >= start && w.calledAt() < end) {
                Integer target = branch.service(w.service()).map(ServiceConfig::targetWaitSeconds).orElse(null);
                s.total.wait(w, target);
                s.row(s.services, w.service()).wait(w, target);
                s.row(s.counters, w.counter()).calls++;
                s.row(s.clerks, w.clerk()).calls++;
            }
        }
        return s.summary(r, dataThrough, idle, usernames);
    }

    /**
     * The same summary from the write-behind's pre-aggregated day rows of the range: the same rows (a row of data
     * not in the configuration only when something counts in it) and figures, the histograms being exact.
     */
    static StatsSummary fromRollups(BranchConfig branch, DayRange r, Long dataThrough, List<StatsSql.RollupRow> rows,
                                    Map<String, Long> idle, Map<String, String> usernames) {
        SummaryReport s = new SummaryReport(branch);
        for (StatsSql.RollupRow row : rows) {
            switch (row.kind()) {
                case "branch" -> s.total.add(row);
                case "service" -> {
                    Integer target = branch.service(row.key()).map(ServiceConfig::targetWaitSeconds).orElse(null);
                    Tally t = s.row(s.services, row.key());
                    t.add(row);
                    t.target(row.waits(), target);
                    s.total.target(row.waits(), target);
                }
                case "counter" -> s.row(s.counters, row.key()).add(row);
                case "clerk" -> s.row(s.clerks, row.key()).add(row);
                default -> { }
            }
        }
        s.services.entrySet().removeIf(e -> e.getValue().isEmpty() && branch.service(e.getKey()).isEmpty());
        s.counters.entrySet().removeIf(e -> e.getValue().isEmpty() && branch.counter(e.getKey()).isEmpty());
        s.clerks.values().removeIf(Tally::isEmpty);
        return s.summary(r, dataThrough, idle, usernames);
    }

    private StatsSummary summary(DayRange r, Long dataThrough, Map<String, Long> idle,
                                 Map<String, String> usernames) {
        return new StatsSummary(branch.id(), r.from().toString(), r.to().toString(), r.zone().getId(),
                r.start().toEpochMilli(), r.end().toEpochMilli(), dataThrough, total.kpis(),
                idle.values().stream().mapToLong(Long::longValue).sum(), serviceRows(), counterRows(idle),
                clerkRows(usernames));
    }

    private Tally row(Map<String, Tally> rows, String key) {
        return key == null ? new Tally() : rows.computeIfAbsent(key, k -> new Tally());
    }

    private List<StatsSummary.ServiceKpis> serviceRows() {
        return services.entrySet().stream().map(e -> {
            var cfg = branch.service(e.getKey());
            return new StatsSummary.ServiceKpis(e.getKey(), cfg.map(ServiceConfig::name).orElse(null),
                    cfg.map(ServiceConfig::targetWaitSeconds).orElse(null), e.getValue().kpis());
        }).toList();
    }

    private List<StatsSummary.CounterKpis> counterRows(Map<String, Long> idle) {
        return counters.entrySet().stream().map(e -> {
            Tally t = e.getValue();
            return new StatsSummary.CounterKpis(e.getKey(), branch.counter(e.getKey()).map(CounterConfig::name)
                    .orElse(null), t.calls, t.served, t.noShow, t.serviceP50(), t.serviceP90(),
                    idle.getOrDefault(e.getKey(), 0L));
        }).toList();
    }

    private List<StatsSummary.ClerkKpis> clerkRows(Map<String, String> usernames) {
        return clerks.entrySet().stream().map(e -> {
            Tally t = e.getValue();
            return new StatsSummary.ClerkKpis(e.getKey(), usernames.get(e.getKey()), t.calls, t.served, t.noShow,
                    t.serviceP50(), t.serviceP90());
        }).sorted(Comparator.comparing((StatsSummary.ClerkKpis c) -> c.username() == null ? "" : c.username())
                .thenComparing(StatsSummary.ClerkKpis::clerk)).toList();
    }
}
