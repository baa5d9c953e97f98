package io.nowserving.backend.analytics.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowserving.backend.analytics.DayRange;
import io.nowserving.backend.config.BranchConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the idle time of complete business days in {@code stats_idle} ahead of the question, so that the first
 * summary over a long range reads it instead of replaying (issue 15's 2 s). On its timer, once the write-behind has
 * filled the rollup from the history (V7's backfill flag), for each branch it finds the complete days from the first
 * one with day rows to the day before the newest event whose kept idle time is absent or no longer valid (the rule
 * of {@link IdleDays}: same counter links, same event count), and computes them oldest first, a few days per read
 * transaction, on a low-priority thread that pauses between batches. Runs on every instance: keeping a day is
 * idempotent (a day's rows are replaced), so instances doing it at once only repeat each other. The summary still
 * replays what is not kept yet (today, days the job has not reached).
 */
public final class IdleFill implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IdleFill.class);
    /** Days computed in one read transaction: a few thousand events each on a busy branch. */
    static final int BATCH_DAYS = 7;
    /** The pause between batches, leaving the database to requests. */
    private static final long PAUSE_MS = 50;

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Supplier<List<BranchConfig>> branches;
    private final Duration delay;
    private final Duration period;
    private final AtomicLong replayed = new AtomicLong();
    private volatile boolean closed;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ns-idle-fill");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    /** Runs {@code delay} after {@link #start} and then every {@code period}. */
    public IdleFill(DataSource dataSource, ObjectMapper json, Supplier<List<BranchConfig>> branches, Duration delay,
                    Duration period) {
        this.dataSource = dataSource;
        this.json = json;
        this.branches = branches;
        this.delay = delay;
        this.period = period;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::runQuietly, delay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            int days = run();
            if (days > 0) {
                log.info("kept the idle time of {} complete day(s)", days);
            }
        } catch (RuntimeException e) {
            log.warn("keeping complete days' idle time failed; next in {}: {}", period, e.toString());
        }
    }

    /** One pass over every branch; the number of days computed. */
    int run() {
        int days = 0;
        for (BranchConfig branch : branches.get()) {
            if (closed) {
                break;
            }
            days += fill(branch);
        }
        return days;
    }

    private int fill(BranchConfig branch) {
        if (branch.counters().isEmpty()) {
            return 0;
        }
        List<LocalDate> missing = missing(branch);
        int done = 0;
        while (done < missing.size() && !closed) {
            LocalDate from = missing.get(done);
            LocalDate to = min(from.plusDays(BATCH_DAYS - 1L), missing.get(missing.size() - 1));
            try (StatsSql sql = StatsSql.open(dataSource, json)) {
                StatsSql.Head head = sql.head(branch.id());
                IdleDays.idle(sql, dataSource, branch, DayRange.of(from, to, branch), head,
                        sql.dayEvents(branch.id(), from, to), replayed);
            }
            while (done < missing.size() && !missing.get(done).isAfter(to)) {
                done++;
            }
            try {
                Thread.sleep(PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return done;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /** The branch's complete days without a valid kept idle time, oldest first (none before the backfill). */
    private List<LocalDate> missing(BranchConfig branch) {
        try (StatsSql sql = StatsSql.open(dataSource, json)) {
            StatsSql.Head head = sql.head(branch.id());
            LocalDate first = sql.firstDay(branch.id());
            if (head == null || first == null || !sql.rollupsReady()) {
                return List.of();
            }
            LocalDate last = DayRange.businessDay(Instant.ofEpochMilli(head.atMs()), branch.timeZone(),
                    branch.businessDayStart()).minusDays(1);
            List<LocalDate> out = new ArrayList<>();
            if (last.isBefore(first)) {
                return out;
            }
            String links = IdleDays.links(branch);
            Map<LocalDate, Long> events = sql.dayEvents(branch.id(), first, last);
            Map<LocalDate, StatsSql.IdleDay> kept = sql.idleDays(branch.id(), DayRange.of(first, last, branch));
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                if (!IdleDays.valid(kept.get(d), links, events.getOrDefault(d, 0L))) {
                    out.add(d);
                }
            }
            return out;
        }
    }

    /** The days this job has replayed (tests observe it). */
    long daysReplayed() {
        return replayed.get();
    }

    /** Stops after the batch in progress (not interrupting a database call), waiting a few seconds for it. */
    @Override
    public void close() {
        closed = true;
        timer.shutdown();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
