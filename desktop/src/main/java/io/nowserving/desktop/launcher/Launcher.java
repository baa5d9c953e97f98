package io.nowserving.desktop.launcher;

import io.nowserving.desktop.common.Background;
import io.nowserving.desktop.common.DesktopSettings;
import io.nowserving.desktop.common.FxThread;
import java.time.Clock;
import javafx.stage.Stage;

/** Placeholder: the launcher window (built next). */
final class Launcher implements AutoCloseable {
    private final DesktopSettings settings;
    private final FxThread fx;
    private final Background background;
    private final Clock clock;

    Launcher(DesktopSettings settings, FxThread fx, Background background, Clock clock) {
        this.settings = settings;
        this.fx = fx;
        this.background = background;
        this.clock = clock;
    }

    void show(Stage stage) {
        stage.show();
    }

    @Override
    public void close() {
    }
}
