package io.nowserving.backend.analytics;

import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.sql.DatabaseException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases personal data older than {@code NOWSERVING_RETENTION_DAYS} business days (DESIGN.md invariant 6): every
 * {@link RetentionTarget}, today the private {@code ticket_secrets} rows (each ticket's token hash and its
 * customer-key hash, i.e. a LINE user or a phone's device cookie). Tickets and events stay, so every count and
 * report of the past stays the same. Client addresses are never kept in SQL; in Redis they live only, hashed, in
 * rate-limit and login-throttle keys that expire with their windows. Runs 10 s after start-up and then every six
 * hours on every instance: each erasure is one idempotent DELETE per branch and target, so instances running it
 * at once only repeat each other. Logs counts only.
 */
public final class Retention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final long PERIOD_HOURS = 6;

    private final DataSource dataSource;
    private final Function<String, Optional<BranchConfig>> branches;
    private final List<RetentionTarget> targets;
    private final Clock clock;
    private final int days;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ns-retention");
        t.setDaemon(true);
        return t;
    });

    /** {@code branches} finds a branch's configuration (its zone and day start); a removed one counts in UTC. */
    public Retention(DataSource dataSource, Function<String, Optional<BranchConfig>> branches,
                     List<RetentionTarget> targets, Clock clock, int days) {
        this.dataSource = dataSource;
        this.branches = branches;
        this.targets = List.copyOf(targets);
        this.clock = clock;
        this.days = days;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::runQuietly, 10, TimeUnit.HOURS.toSeconds(PERIOD_HOURS), TimeUnit.SECONDS);
    }

    /** Erases what is past the period in every branch; answers how many rows were erased per branch (none: absent). */
    public Map<String, Integer> run() {
        Map<String, Integer> erased = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            Set<String> holding = new TreeSet<>();
            for (RetentionTarget target : targets) {
                holding.addAll(target.branches(c));
            }
            for (String branch : holding) {
                Optional<BranchConfig> config = branches.apply(branch);
                ZoneId zone = config.map(BranchConfig::timeZone).orElse(ZoneOffset.UTC);
                LocalTime dayStart = config.map(BranchConfig::businessDayStart).orElse(LocalTime.MIDNIGHT);
                LocalDate keepFrom = DayRange.businessDay(clock.instant(), zone, dayStart).minusDays(days);
                for (RetentionTarget target : targets) {
                    int n = target.erase(c, branch, keepFrom, keepFrom.atTime(dayStart).atZone(zone).toInstant());
                    if (n > 0) {
                        erased.merge(branch, n, Integer::sum);
                        log.info("retention: erased {} rows of {} of branch {} from before {}", n, target.name(),
                                branch, keepFrom);
                    }
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("erase personal data past the retention period", e);
        }
        return erased;
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("retention run failed; next in {} hours: {}", PERIOD_HOURS, e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
