package io.nowserving.backend.analytics;

import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.sql.DatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases personal data older than {@code NOWSERVING_RETENTION_DAYS} business days (DESIGN.md invariant 6): the
 * private {@code ticket_secrets} rows, which hold each ticket's token hash and its customer key hash (a LINE user
 * or a phone's device cookie). Tickets and events stay, so every count and report of the past stays the same.
 * Client addresses are never kept in SQL; in Redis they live only, hashed, in rate-limit and login-throttle keys
 * that expire with their windows. Runs at start-up and every six hours on every instance: the erasure is one
 * idempotent DELETE per branch, so instances running it at once only repeat each other.
 */
public final class Retention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final DataSource dataSource;
    private final Function<String, Optional<BranchConfig>> branches;
    private final Clock clock;
    private final int days;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ns-retention");
        t.setDaemon(true);
        return t;
    });

    /** {@code branches} finds a branch's configuration (its zone and day start); a removed one counts in UTC. */
    public Retention(DataSource dataSource, Function<String, Optional<BranchConfig>> branches, Clock clock, int days) {
        this.dataSource = dataSource;
        this.branches = branches;
        this.clock = clock;
        this.days = days;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::runQuietly, 10, TimeUnit.HOURS.toSeconds(6), TimeUnit.SECONDS);
    }

    /** Erases what is past the period in every branch; answers how many tickets' secrets were erased per branch. */
    public Map<String, Integer> run() {
        Map<String, Integer> erased = new java.util.TreeMap<>();
        for (String branch : branchesWithSecrets()) {
            Optional<BranchConfig> config = branches.apply(branch);
            ZoneId zone = config.map(BranchConfig::timeZone).orElse(ZoneOffset.UTC);
            LocalTime dayStart = config.map(BranchConfig::businessDayStart).orElse(LocalTime.MIDNIGHT);
            LocalDate keepFrom = DayRange.businessDay(clock.instant(), zone, dayStart).minusDays(days);
            int n = erase(branch, keepFrom);
            if (n > 0) {
                erased.put(branch, n);
                log.info("retention: erased the private data of {} tickets of branch {} from before {}", n, branch,
                        keepFrom);
            }
        }
        return erased;
    }

    private int erase(String branch, LocalDate keepFrom) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM ticket_secrets WHERE branch_id = ? AND EXISTS"
                        + " (SELECT 1 FROM tickets t WHERE t.branch_id = ticket_secrets.branch_id"
                        + " AND t.id = ticket_secrets.ticket_id AND t.business_day < ?)")) {
            ps.setString(1, branch);
            ps.setObject(2, keepFrom);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("erase old private data of " + branch, e);
        }
    }

    private List<String> branchesWithSecrets() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT DISTINCT branch_id FROM ticket_secrets");
                ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new DatabaseException("list branches with private data", e);
        }
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("retention run failed; next in six hours: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
