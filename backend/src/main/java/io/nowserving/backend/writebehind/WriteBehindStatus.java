package io.nowserving.backend.writebehind;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What the history writer of this instance has done, for readiness and metrics: leadership, the committed seq
 * per branch, counts (written, duplicates, alarms, fenced, SQL failures) and the lag histogram. The readiness
 * verdict fails only when writing to SQL is impossible: no leader seen anywhere for over twice the TTL, or this
 * leader's SQL writes failing three times in a row.
 */
public final class WriteBehindStatus {
    static final int FAILURES_BEFORE_NOT_READY = 3;

    private final long ttlNanos;
    private final LongSupplier nanos;
    private final Map<String, Long> committedSeq = new ConcurrentHashMap<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong alarms = new AtomicLong();
    private final AtomicLong fenced = new AtomicLong();
    private final AtomicLong sqlFailures = new AtomicLong();
    private final AtomicLong failuresInARow = new AtomicLong();
    private final LagHistogram lag = new LagHistogram();
    private volatile boolean leader;
    private volatile long leaderSeenNanos;
    private volatile String lastFailure;

    public WriteBehindStatus(long ttlMs, LongSupplier nanos) {
        this.ttlNanos = TimeUnit.MILLISECONDS.toNanos(ttlMs);
        this.nanos = nanos;
        this.leaderSeenNanos = nanos.getAsLong();
    }

    void leaderSeen(boolean self) {
        leader = self;
        leaderSeenNanos = nanos.getAsLong();
    }

    void notLeader() {
        leader = false;
    }

    void committed(Iterable<StreamEvent> events, long nowMs, int dup, int newAlarms) {
        long n = 0;
        for (StreamEvent e : events) {
            committedSeq.merge(e.branch(), e.seq(), Math::max);
            lag.record(nowMs - e.atMs());
            n++;
        }
        written.addAndGet(n - dup);
        duplicates.addAndGet(dup);
        alarms.addAndGet(newAlarms);
        failuresInARow.set(0);
    }

    void alarm() {
        alarms.incrementAndGet();
    }

    void fenced() {
        fenced.incrementAndGet();
        leader = false;
    }

    void sqlFailed(String what) {
        sqlFailures.incrementAndGet();
        failuresInARow.incrementAndGet();
        lastFailure = what;
    }

    public boolean isLeader() {
        return leader;
    }

    /** The highest seq this instance's writer committed for the branch, or -1 when it committed none. */
    public long committedSeq(String branch) {
        return committedSeq.getOrDefault(branch, -1L);
    }

    public LagHistogram lag() {
        return lag;
    }

    /** Null while SQL writing is possible, else why not. */
    public String problem() {
        if (failuresInARow.get() >= FAILURES_BEFORE_NOT_READY) {
            return "SQL writes failing (" + failuresInARow.get() + " in a row): " + lastFailure;
        }
        long since = nanos.getAsLong() - leaderSeenNanos;
        if (!leader && since > 2 * ttlNanos) {
            return "no history writer has held the lease for " + TimeUnit.NANOSECONDS.toMillis(since) + " ms";
        }
        return null;
    }

    /** Counters and gauges, named as Prometheus metrics would be (for the /metrics endpoint). */
    public Map<String, Number> counters() {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("nowserving_history_leader", leader ? 1 : 0);
        m.put("nowserving_history_events_written_total", written.get());
        m.put("nowserving_history_duplicates_total", duplicates.get());
        m.put("nowserving_history_alarms_total", alarms.get());
        m.put("nowserving_history_fenced_total", fenced.get());
        m.put("nowserving_history_sql_failures_total", sqlFailures.get());
        m.put("nowserving_history_lag_p50_ms", lag.quantile(0.5));
        m.put("nowserving_history_lag_p99_ms", lag.quantile(0.99));
        return m;
    }
}
