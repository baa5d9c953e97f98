package io.nowserving.backend;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nowserving.backend.events.LiveFeed;
import io.nowserving.backend.config.BranchSummary;
import io.nowserving.backend.events.sse.SseWriters;
import io.nowserving.backend.queue.QueueService;
import io.nowserving.backend.web.Metrics;
import io.nowserving.backend.writebehind.WriteBehind;
import io.nowserving.shared.api.BranchSnapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The operations metrics (docs/OPERATING.md says what each means): tickets issued and called per service through
 * this instance, the live feed's lag, SSE clients, the history writer (write-behind) and its lag per branch, and the waiting line per
 * service, read from the live state at every scrape.
 */
final class OperationsMetrics {
    private OperationsMetrics() {
    }

    static void register(Metrics metrics, SseWriters writers, LiveFeed feed, WriteBehind writeBehind,
                         QueueService queue, Supplier<List<BranchSummary>> branches) {
        MeterRegistry r = metrics.registry();
        Timer lag = Timer.builder("nowserving.feed.lag").description("From an event's time to its arrival on this"
                + " instance's live feed").publishPercentiles(0.5, 0.99).register(r);
        feed.measureLag(ms -> lag.record(ms, TimeUnit.MILLISECONDS));
        Gauge.builder("nowserving.sse.clients", writers, w -> w.stats().open())
                .description("Open SSE connections (displays, counters, phones) on this instance").register(r);
        Gauge.builder("nowserving.sse.blocked", writers, w -> w.stats().blocked())
                .description("SSE clients whose socket is full right now").register(r);
        FunctionCounter.builder("nowserving.sse.slow.disconnects", writers, w -> w.stats().slowDisconnects())
                .description("SSE clients dropped for not reading").register(r);
        queue.tell(new QueueService.Outcomes() {
            @Override
            public void issued(String branch, String service) {
                r.counter("nowserving.tickets.issued", "branch", branch, "service", service).increment();
            }

            @Override
            public void called(String branch, String service) {
                r.counter("nowserving.tickets.called", "branch", branch, "service", service).increment();
            }
        });
        metrics.add(() -> history(writeBehind));
        metrics.add(() -> waiting(queue, branches.get()));
    }

    private static String history(WriteBehind writeBehind) {
        StringBuilder out = new StringBuilder();
        writeBehind.status().counters().forEach((name, value) -> out.append("# TYPE ").append(name)
                .append(name.endsWith("_total") ? " counter\n" : " gauge\n").append(name).append(' ').append(value)
                .append('\n'));
        out.append("# HELP nowserving_history_lag_events Events in Redis not yet written to SQL, per branch.\n")
                .append("# TYPE nowserving_history_lag_events gauge\n");
        StringBuilder oldest = new StringBuilder("# HELP nowserving_history_oldest_uncommitted_seconds Age of the"
                + " oldest event not yet in SQL.\n# TYPE nowserving_history_oldest_uncommitted_seconds gauge\n");
        writeBehind.details().forEach((branch, value) -> {
            if (value instanceof Map<?, ?> m) {
                out.append("nowserving_history_lag_events{branch=\"").append(branch).append("\"} ")
                        .append(m.get("lagEvents")).append('\n');
                oldest.append("nowserving_history_oldest_uncommitted_seconds{branch=\"").append(branch).append("\"} ")
                        .append(((Number) m.get("oldestUncommittedMs")).longValue() / 1000.0).append('\n');
            }
        });
        return out.append(oldest).toString();
    }

    private static String waiting(QueueService queue, List<BranchSummary> branches) {
        StringBuilder out = new StringBuilder("# HELP nowserving_queue_waiting Tickets waiting, per branch and"
                + " service.\n# TYPE nowserving_queue_waiting gauge\n");
        StringBuilder serving = new StringBuilder("# HELP nowserving_queue_counters_open Counters open, per"
                + " branch.\n# TYPE nowserving_queue_counters_open gauge\n");
        for (BranchSummary b : branches) {
            BranchSnapshot s = queue.snapshot(b.id());
            for (BranchSnapshot.ServiceStatus service : s.services()) {
                out.append("nowserving_queue_waiting{branch=\"").append(b.id()).append("\",service=\"")
                        .append(service.id()).append("\"} ").append(service.waiting()).append('\n');
            }
            serving.append("nowserving_queue_counters_open{branch=\"").append(b.id()).append("\"} ")
                    .append(s.counters().stream().filter(c -> !"closed".equals(c.state())).count()).append('\n');
        }
        return out.append(serving).toString();
    }
}
