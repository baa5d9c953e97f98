package io.nowserving.backend.writebehind;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-behind of one instance, running: the {@link HistoryWriter} steps on thread {@code ns-history-writer}
 * (blocking reads on a connection of its own), lease renewal at a third of the TTL on {@code ns-history-lease}.
 * Also what readiness and metrics read: {@link #problem()}, {@link #details()}, {@link #status()}.
 */
public final class WriteBehind implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WriteBehind.class);

    private final StatefulRedisConnection<String, String> blocking;
    private final RedisCommands<String, String> redis;
    private final HistoryRepository repository;
    private final Supplier<List<BranchConfig>> branches;
    private final RedisKeys keys;
    private final WriteBehindStatus status;
    private final WriterLease lease;
    private final HistoryWriter writer;
    private final long ttlMs;
    private final ExecutorService loop = Executors.newSingleThreadExecutor(named("ns-history-writer"));
    private final ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(named("ns-history-lease"));
    private volatile boolean running = true;

    public WriteBehind(RedisClient client, ScriptRunner scripts, RedisCommands<String, String> redis, RedisKeys keys,
                       HistoryRepository repository, Supplier<List<BranchConfig>> branches, String holder,
                       long ttlMs, Clock clock) {
        this.blocking = client.connect();
        this.redis = redis;
        this.repository = repository;
        this.branches = branches;
        this.keys = keys;
        this.ttlMs = ttlMs;
        this.status = new WriteBehindStatus(ttlMs, System::nanoTime);
        this.lease = new WriterLease(scripts, keys, holder, ttlMs, System::nanoTime);
        this.writer = new HistoryWriter(blocking.sync(), lease, repository, branches, keys, status, clock,
                System::nanoTime, ttlMs);
    }

    public void start() {
        renewal.scheduleWithFixedDelay(this::renew, ttlMs / 3, ttlMs / 3, TimeUnit.MILLISECONDS);
        loop.execute(this::run);
    }

    private void run() {
        long failureLogged = 0;
        while (running) {
            try {
                if (!writer.step()) {
                    pause(ttlMs / 3);
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // one line per failure streak second, not per retry
                if (System.nanoTime() - failureLogged > TimeUnit.SECONDS.toNanos(10)) {
                    log.warn("history writer step failed, retrying: {}", e.toString());
                    failureLogged = System.nanoTime();
                }
                pause(1000);
            }
        }
    }

    private void renew() {
        try {
            lease.renew();
        } catch (RuntimeException e) {
            log.warn("history lease renewal failed: {}", e.toString());
        }
    }

    private void pause(long ms) {
        synchronized (this) {
            if (running) {
                try {
                    wait(Math.max(1, ms));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    public WriteBehindStatus status() {
        return status;
    }

    /** Null while SQL writing is possible (see {@link WriteBehindStatus#problem()}). */
    public String problem() {
        return status.problem();
    }

    /**
     * Per branch: events in Redis not yet in SQL ({@code lagEvents}), the age of the oldest of them
     * ({@code oldestUncommittedMs}), SQL's committed seq; and whether this instance leads.
     */
    public Map<String, Object> details() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("leader", status.isLeader());
        for (BranchConfig b : branches.get()) {
            long committed = repository.highestCommittedSeq(b.id());
            String seq = redis.get(keys.seq(b.id()));
            long lag = seq == null ? 0 : Math.max(0, Long.parseLong(seq) - committed);
            long oldest = 0;
            if (lag > 0) {
                List<StreamMessage<String, String>> first = redis.xrange(keys.events(b.id()),
                        Range.create((committed + 1) + "-0", "+"), io.lettuce.core.Limit.from(1));
                if (!first.isEmpty()) {
                    oldest = Math.max(0, System.currentTimeMillis()
                            - StreamEvent.parse(b.id(), first.get(0).getId(), first.get(0).getBody()).atMs());
                }
            }
            out.put(b.id(), Map.of("committedSeq", committed, "lagEvents", lag, "oldestUncommittedMs", oldest));
        }
        return out;
    }

    /** The highest seq this instance's writer committed for the branch, or -1 (see also SQL's). */
    public long committedSeq(String branch) {
        return status.committedSeq(branch);
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        renewal.shutdownNow();
        loop.shutdown();
        try {
            if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
                loop.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            lease.release(new ScriptRunner(redis).sendingOnce());
        } catch (RuntimeException e) {
            log.info("history lease not released ({}); it expires by itself", e.toString());
        }
        blocking.close();
    }

    private static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
