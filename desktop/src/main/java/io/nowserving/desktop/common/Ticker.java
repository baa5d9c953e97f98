package io.nowserving.desktop.common;

import java.util.function.LongSupplier;

/**
 * Runs an action again and again on a {@link Scheduler} until {@link #stop()}: a chain of one-shot timers, each
 * armed after the action ran, rather than a fixed-rate one, because the app's timer is shared by every app and
 * cannot be shut down by one of them. Stopping cancels the armed timer and ends the chain.
 */
public final class Ticker {
    private final Scheduler scheduler;
    private final LongSupplier delayMs;
    private final Runnable action;
    private volatile boolean running = true;
    private volatile Runnable cancel;

    private Ticker(Scheduler scheduler, LongSupplier delayMs, Runnable action) {
        this.scheduler = scheduler;
        this.delayMs = delayMs;
        this.action = action;
    }

    /** Runs {@code action} every {@code everyMs}, the first time {@code everyMs} from now. */
    public static Ticker every(Scheduler scheduler, long everyMs, Runnable action) {
        return start(scheduler, () -> everyMs, action);
    }

    /** Runs {@code action} after {@code delayMs} (asked anew before each wait), again and again. */
    public static Ticker start(Scheduler scheduler, LongSupplier delayMs, Runnable action) {
        Ticker t = new Ticker(scheduler, delayMs, action);
        t.arm();
        return t;
    }

    private void arm() {
        cancel = scheduler.after(delayMs.getAsLong(), () -> {
            if (running) {
                action.run();
                if (running) {
                    arm();
                }
            }
        });
    }

    /** Ends the chain: the action does not run again. */
    public void stop() {
        running = false;
        Runnable c = cancel;
        if (c != null) {
            c.run();
        }
    }
}
