package io.nowserving.desktop.common;

/**
 * Runs an action later on the FX thread; the app's is {@code background.afterMillis}, tests drive one by hand so
 * nothing sleeps. {@link #after} answers a way to cancel.
 */
public interface Scheduler {
    Runnable after(long delayMs, Runnable action);
}
