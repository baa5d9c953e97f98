package io.nowserving.desktop.common;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One blocking call run on the {@link Background} executor; its result or failure comes back on the FX thread.
 * <pre>{@code background.task(() -> client.callNext(b, c)).onSuccess(vm::apply).onFailure(vm::show).start();}</pre>
 */
public final class BackgroundTask<T> {
    private static final Logger log = LoggerFactory.getLogger(BackgroundTask.class);

    private final Background background;
    private final Supplier<T> work;
    private Consumer<? super T> onSuccess = r -> { };
    private Consumer<? super Throwable> onFailure = e -> log.warn("a background task failed", e);
    private Runnable onFinally = () -> { };

    BackgroundTask(Background background, Supplier<T> work) {
        this.background = background;
        this.work = work;
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> action) {
        this.onSuccess = action;
        return this;
    }

    public BackgroundTask<T> onFailure(Consumer<? super Throwable> action) {
        this.onFailure = action;
        return this;
    }

    /** Runs on the FX thread after either outcome (e.g. to clear {@code busy}). */
    public BackgroundTask<T> onFinally(Runnable action) {
        this.onFinally = action;
        return this;
    }

    public void start() {
        background.submit(() -> {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                background.fx().execute(() -> {
                    try {
                        onFailure.accept(e);
                    } finally {
                        onFinally.run();
                    }
                });
                return;
            }
            background.fx().execute(() -> {
                try {
                    onSuccess.accept(result);
                } finally {
                    onFinally.run();
                }
            });
        });
    }
}
