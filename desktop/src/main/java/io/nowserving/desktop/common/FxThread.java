package io.nowserving.desktop.common;

import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.client.FeedListener;
import io.nowserving.shared.client.NowServingException;
import io.nowserving.shared.events.Event;
import java.time.Instant;
import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The one door to the JavaFX application thread: feed callbacks and background results pass through here, and
 * {@code Platform.runLater} appears nowhere else. Tests build it over a same-thread executor, so view-models run
 * without a window.
 */
public final class FxThread implements Executor {
    private final Executor executor;

    private FxThread(Executor executor) {
        this.executor = executor;
    }

    /** The real FX application thread. */
    public static FxThread platform() {
        return new FxThread(Platform::runLater);
    }

    /** Runs everything at once on the calling thread (tests). */
    public static FxThread sameThread() {
        return new FxThread(Runnable::run);
    }

    @Override
    public void execute(Runnable command) {
        executor.execute(command);
    }

    /** A listener that hands each callback of {@code target} to this thread, in order. */
    public FeedListener onFxThread(FeedListener target) {
        return new FeedListener() {
            @Override
            public void onSnapshot(BranchSnapshot snapshot) {
                execute(() -> target.onSnapshot(snapshot));
            }

            @Override
            public void onEvent(Event event) {
                execute(() -> target.onEvent(event));
            }

            @Override
            public void onOffline(Instant since) {
                execute(() -> target.onOffline(since));
            }

            @Override
            public void onOnline() {
                execute(target::onOnline);
            }

            @Override
            public void onFailure(NowServingException failure) {
                execute(() -> target.onFailure(failure));
            }
        };
    }
}
