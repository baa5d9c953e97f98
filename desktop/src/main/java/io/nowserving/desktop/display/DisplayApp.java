package io.nowserving.desktop.display;

import io.nowserving.desktop.common.AppContext;
import javafx.stage.Stage;

/** The waiting-room display on a stage (full screen on the chosen monitor). Closing ends its feed and client. */
public final class DisplayApp implements AutoCloseable {
    private DisplayApp() {
    }

    /** Opens the display on {@code stage} (shown by this call). */
    public static DisplayApp open(Stage stage, AppContext context) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public void close() {
    }
}
