package io.nowserving.desktop.counter;

import io.nowserving.desktop.common.AppContext;
import javafx.stage.Stage;

/** The counter console in a window: sign-in, counter choice, then the console. Closing ends its feed and client. */
public final class CounterApp implements AutoCloseable {
    private CounterApp() {
    }

    /** Opens the console on {@code stage} (shown by this call). */
    public static CounterApp open(Stage stage, AppContext context) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public void close() {
    }
}
