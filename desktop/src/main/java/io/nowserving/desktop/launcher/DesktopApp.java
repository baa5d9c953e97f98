package io.nowserving.desktop.launcher;

import io.nowserving.desktop.admin.AdminApp;
import io.nowserving.desktop.common.AppContext;
import io.nowserving.desktop.common.Background;
import io.nowserving.desktop.common.DesktopSettings;
import io.nowserving.desktop.common.FxThread;
import io.nowserving.desktop.common.Mode;
import io.nowserving.desktop.counter.CounterApp;
import io.nowserving.desktop.display.DisplayApp;
import io.nowserving.desktop.kiosk.KioskApp;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import javafx.application.Application;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: opens the launcher, or one app directly with {@code --mode=}. */
public final class DesktopApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(DesktopApp.class);

    private final Deque<AutoCloseable> open = new ArrayDeque<>();
    private Launcher launcher;

    @Override
    public void start(Stage stage) {
        DesktopSettings settings = DesktopSettings.resolve(getParameters().getRaw().toArray(String[]::new),
                System::getProperty, System::getenv);
        log.info("NowServing desktop starting with {}", settings.describe());
        FxThread fx = FxThread.platform();
        Background background = Background.start("desktop", fx);
        open.push(background);
        launcher = new Launcher(settings, fx, background, Clock.systemDefaultZone());
        open.push(launcher);
        launcher.show(stage);
        // the launcher benchmark (desktop/tools/bench-launcher.sh) reads this line
        log.info("first window shown {} ms after the JVM started",
                System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    @Override
    public void stop() {
        while (!open.isEmpty()) {
            try {
                open.pop().close();
            } catch (Exception e) {
                log.warn("closing {} failed", e.getMessage(), e);
            }
        }
    }

    /** Opens {@code mode}'s app on {@code stage}; what it answers is closed with the program. */
    static AutoCloseable openApp(Mode mode, Stage stage, AppContext context) {
        return switch (mode) {
            case COUNTER -> CounterApp.open(stage, context);
            case DISPLAY -> DisplayApp.open(stage, context);
            case KIOSK -> KioskApp.open(stage, context);
            case ADMIN -> AdminApp.open(stage, context);
            case LAUNCHER -> throw new IllegalArgumentException("the launcher is not an app");
        };
    }
}
