package io.nowserving.desktop.common;

import java.util.function.BooleanSupplier;

/**
 * Runs an action later on the FX thread; the app's is {@code background.afterMillis}, tests drive one by hand so
 * nothing sleeps. {@link #after} answers a way to cancel.
 */
public interface Scheduler {
    Runnable after(long delayMs, Runnable action);

    /** The one-shot timers of {@code background} (on the FX thread). */
    static Scheduler of(Background background) {
        return (ms, action) -> {
            var f = background.afterMillis(ms, action);
            return () -> f.cancel(false);
        };
    }

    /** This scheduler, but an action falling due once {@code closed} answers true does not run. */
    default Scheduler until(BooleanSupplier closed) {
        return (ms, action) -> after(ms, () -> {
            if (!closed.getAsBoolean()) {
                action.run();
            }
        });
    }
}
