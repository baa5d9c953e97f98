package io.nowserving.backend.queue;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends business days without waiting for traffic: every minute, each instance asks each branch's roll_day
 * script, which resets yesterday's waiting tickets once, whichever instance comes first.
 */
public final class DayRoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DayRoller.class);

    private final QueueService queue;
    private final Supplier<List<String>> branches;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ns-day-roller");
        t.setDaemon(true);
        return t;
    });

    public DayRoller(QueueService queue, Supplier<List<String>> branches) {
        this.queue = queue;
        this.branches = branches;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::rollAll, 1, 60, TimeUnit.SECONDS);
    }

    void rollAll() {
        try {
            for (String b : branches.get()) {
                if (queue.rollDay(b)) {
                    log.info("business day of branch {} ended: waiting tickets reset", b);
                }
            }
        } catch (RuntimeException e) {
            log.warn("ending business days failed, retrying in a minute: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
