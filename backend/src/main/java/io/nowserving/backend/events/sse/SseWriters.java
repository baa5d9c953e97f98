package io.nowserving.backend.events.sse;

import io.nowserving.backend.events.FeedOptions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every SSE connection of the instance: the small writer pool that drains their queues, the watchdog that cuts
 * off a client whose socket stays full past the write time-out, the keep-alive comments, and the shutdown that
 * tells every client to reconnect elsewhere.
 */
public final class SseWriters implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SseWriters.class);

    /** Counts for readiness, metrics and tests. */
    public record Stats(int open, int blocked, long slowDisconnects, long timedOut) {
    }

    private final FeedOptions options;
    private final Set<SseConnection> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong slow = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final ExecutorService pool;
    private volatile boolean stopping;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(named("ns-sse-timer"));

    public SseWriters(FeedOptions options) {
        this.options = options;
        this.pool = Executors.newFixedThreadPool(options.writerThreads(), named("ns-sse-writer"));
        long watch = Math.max(50, Math.min(500, options.writeTimeout().toMillis() / 4));
        timer.scheduleWithFixedDelay(this::watch, watch, watch, TimeUnit.MILLISECONDS);
        long ka = options.keepAlive().toMillis();
        timer.scheduleWithFixedDelay(this::keepAlive, ka, ka, TimeUnit.MILLISECONDS);
    }

    /** A new connection; {@link SseConnection#start} it once the request is asynchronous. */
    public SseConnection open() {
        SseConnection c = new SseConnection(this, options.clientQueue());
        open.add(c);
        if (stopping) {
            c.finish(bye()); // opened while stopping: told at once, so no stream holds the stop
        }
        return c;
    }

    private byte[] bye() {
        return SseFrames.retry(retryHintMs(), "server shutting down: reconnect");
    }

    public Stats stats() {
        long now = System.nanoTime();
        int blocked = (int) open.stream().filter(c -> c.blockedFor(now) > 0).count();
        return new Stats(open.size(), blocked, slow.get(), timedOut.get());
    }

    long retryHintMs() {
        return options.retryHint().toMillis();
    }

    void execute(Runnable drain) {
        try {
            pool.execute(drain);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    void ended(SseConnection c, SseConnection.End why) {
        open.remove(c);
        if (why == SseConnection.End.SLOW) {
            slow.incrementAndGet();
            log.info("an SSE client was too slow for its queue of {} frames and was disconnected", options.clientQueue());
        } else if (why == SseConnection.End.TIMED_OUT) {
            timedOut.incrementAndGet();
            log.info("an SSE client left a write pending over {} and was disconnected", options.writeTimeout());
        }
    }

    private void watch() {
        long now = System.nanoTime();
        long limit = options.writeTimeout().toNanos();
        for (SseConnection c : open) {
            if (c.blockedFor(now) > limit) {
                c.abort(c.closing() ? SseConnection.End.SLOW : SseConnection.End.TIMED_OUT);
            }
        }
    }

    private void keepAlive() {
        for (SseConnection c : open) {
            c.send(SseFrames.KEEP_ALIVE);
        }
    }

    /**
     * Tells every client to reconnect (elsewhere: this instance is stopping) and waits up to {@code grace} for
     * the hint to be written; clients still not done are cut off.
     */
    public void shutdown(Duration grace) {
        stopping = true;
        List<SseConnection> all = List.copyOf(open);
        byte[] bye = bye();
        all.forEach(c -> c.finish(bye));
        try {
            CompletableFuture.allOf(all.stream().map(SseConnection::finished).toArray(CompletableFuture[]::new))
                    .get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the stragglers are cut off below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List.copyOf(open).forEach(c -> c.abort(SseConnection.End.FINISHED));
        if (!all.isEmpty()) {
            log.info("told {} SSE client(s) to reconnect elsewhere", all.size());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        pool.shutdownNow();
    }

    static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
