package io.nowserving.backend.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowserving.backend.analytics.stats.IdleFill;
import io.nowserving.backend.analytics.stats.StatsRoutes;
import io.nowserving.backend.analytics.stats.StatsService;
import io.nowserving.backend.config.ConfigRepository;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The admin's analytics, wired: the ticket history and statistics routes (read from SQL), and the erasure of
 * personal data past the retention period ({@link Retention}, running on its timer until closed), and the keeping of
 * complete days' idle time ahead of the summary ({@link IdleFill}, on its timer: 20 s after start-up, then every
 * minute).
 */
public final class Analytics implements AutoCloseable {
    private static final Duration IDLE_FILL_DELAY = Duration.ofSeconds(20);
    private static final Duration IDLE_FILL_PERIOD = Duration.ofMinutes(1);

    private final Retention retention;
    private final IdleFill idleFill;
    private final TicketHistoryRoutes historyRoutes;
    private final StatsRoutes statsRoutes;

    private Analytics(Retention retention, IdleFill idleFill, TicketHistoryRoutes historyRoutes,
                      StatsRoutes statsRoutes) {
        this.retention = retention;
        this.idleFill = idleFill;
        this.historyRoutes = historyRoutes;
        this.statsRoutes = statsRoutes;
    }

    public static Analytics start(DataSource db, ConfigRepository configs, ObjectMapper json, Clock clock,
                                  int retentionDays) {
        Retention retention = new Retention(db, configs::find, RetentionTarget.BUILT_IN, clock, retentionDays);
        retention.start();
        IdleFill idleFill = new IdleFill(db, json, configs::findAll, IDLE_FILL_DELAY, IDLE_FILL_PERIOD);
        idleFill.start();
        return new Analytics(retention, idleFill, new TicketHistoryRoutes(configs, db),
                new StatsRoutes(configs, new StatsService(db, json)));
    }

    /** The erasure of personal data past the retention period (tests run it with a moved clock). */
    public Retention retention() {
        return retention;
    }

    public TicketHistoryRoutes historyRoutes() {
        return historyRoutes;
    }

    public StatsRoutes statsRoutes() {
        return statsRoutes;
    }

    @Override
    public void close() {
        try {
            idleFill.close();
        } finally {
            retention.close();
        }
    }
}
