package io.nowserving.desktop.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where every blocking call of an app runs: one named background executor, results handed back through the
 * {@link FxThread}. One per app, closed when it ends. Tests use {@link #sameThread()}.
 */
public final class Background implements AutoCloseable {
    private final ExecutorService executor;
    private final ScheduledExecutorService timer;
    private final FxThread fx;

    private Background(ExecutorService executor, ScheduledExecutorService timer, FxThread fx) {
        this.executor = executor;
        this.timer = timer;
        this.fx = fx;
    }

    /** A pool of background threads named {@code nowserving-<name>-N}, results on the FX thread. */
    public static Background start(String name, FxThread fx) {
        return new Background(Executors.newCachedThreadPool(named("nowserving-" + name)),
                Executors.newSingleThreadScheduledExecutor(named("nowserving-" + name + "-timer")), fx);
    }

    /** Runs tasks at once on the caller's thread (tests); timers still run on a timer thread of their own. */
    public static Background sameThread() {
        ExecutorService direct = new java.util.concurrent.AbstractExecutorService() {
            private volatile boolean shutdown;

            @Override
            public void execute(Runnable command) {
                command.run();
            }

            @Override
            public void shutdown() {
                shutdown = true;
            }

            @Override
            public java.util.List<Runnable> shutdownNow() {
                shutdown = true;
                return java.util.List.of();
            }

            @Override
            public boolean isShutdown() {
                return shutdown;
            }

            @Override
            public boolean isTerminated() {
                return shutdown;
            }

            @Override
            public boolean awaitTermination(long timeout, TimeUnit unit) {
                return true;
            }
        };
        return new Background(direct, Executors.newSingleThreadScheduledExecutor(named("nowserving-test-timer")),
                FxThread.sameThread());
    }

    /** A task running {@code work} here; nothing happens until {@link BackgroundTask#start()}. */
    public <T> BackgroundTask<T> task(Supplier<T> work) {
        return new BackgroundTask<>(this, work);
    }

    /** A task with no result. */
    public BackgroundTask<Void> task(Runnable work) {
        return task(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs {@code action} on the FX thread once, after {@code delayMs}; cancel it through the answer. Repeating work
     * re-arms itself, so that the app that owns it can stop it without closing this shared executor.
     */
    public java.util.concurrent.ScheduledFuture<?> afterMillis(long delayMs, Runnable action) {
        return timer.schedule(() -> fx.execute(action), delayMs, TimeUnit.MILLISECONDS);
    }

    FxThread fx() {
        return fx;
    }

    void submit(Runnable r) {
        executor.execute(r);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        executor.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory base = Executors.defaultThreadFactory();
        return r -> {
            Thread t = base.newThread(r);
            t.setName(prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
