package io.nowserving.desktop.launcher;

import io.nowserving.desktop.common.AppContext;
import io.nowserving.desktop.common.Background;
import io.nowserving.desktop.common.DesktopPaths;
import io.nowserving.desktop.common.DesktopSettings;
import io.nowserving.desktop.common.FxThread;
import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.common.Mode;
import io.nowserving.desktop.common.SettingsFile;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the desktop program: the launcher window, or (with {@code --mode=}) one app straight
 * away; the backend started here when no URL is configured; every app opened gets its {@link AppContext}.
 */
final class Launcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Launcher.class);
    private static final long RETRY_MS = 5_000;

    private final DesktopSettings settings;
    private final FxThread fx;
    private final Background background;
    private final Clock clock;
    private final Deque<AutoCloseable> apps = new ArrayDeque<>();
    private LauncherViewModel model;
    private boolean firstShown;

    Launcher(DesktopSettings settings, FxThread fx, Background background, Clock clock) {
        this.settings = settings;
        this.fx = fx;
        this.background = background;
        this.clock = clock;
    }

    void show(Stage stage) {
        model = new LauncherViewModel(settings, background, this::remember, Launcher::backendFor);
        if (settings.mode() == Mode.LAUNCHER) {
            LauncherView view = new LauncherView(model, Messages.of("io.nowserving.desktop.launcher.messages",
                    settings.locale()), this::open);
            view.show(stage);
            shown(Mode.LAUNCHER);
            model.start();
            return;
        }
        // a direct start: the launcher's status shows until the backend answers (started here or reached), then the
        // app takes the stage; a backend that is down at start is tried again every few seconds
        new LauncherView(model, Messages.of("io.nowserving.desktop.launcher.messages", settings.locale()),
                this::open).show(stage);
        model.ready().addListener((o, was, ready) -> {
            if (ready) {
                open(settings.mode(), stage, model.settings());
            }
        });
        model.problem().addListener((o, was, p) -> {
            if (!p.isEmpty() && !model.ready().get()) {
                log.warn("the backend is not usable yet: {}", p);
                background.afterMillis(RETRY_MS, () -> {
                    if (!model.ready().get() && !model.busy().get()) {
                        model.start();
                    }
                });
            }
        });
        model.start();
    }

    /** The launcher's state (tests). */
    LauncherViewModel model() {
        return model;
    }

    /** Opens {@code mode}'s app on {@code stage} with the launcher's current choices. */
    void open(Mode mode, Stage stage, DesktopSettings current) {
        AppContext context = new AppContext(current.withMode(mode), model.backendUrl(), fx, background, clock,
                this::remember);
        AutoCloseable app = DesktopApp.openApp(mode, stage, context);
        shown(mode);
        apps.push(app);
        stage.setOnHidden(e -> {
            apps.remove(app);
            closeQuietly(app);
        });
    }

    /** Logs the line the packages' smoke test (installers/desktop/smoke.sh) waits for, once per program. */
    private void shown(Mode mode) {
        if (!firstShown) {
            firstShown = true;
            log.info("first screen shown: {}", mode.flag());
        }
    }

    /**
     * Saves the choices worth keeping into the settings file (owner-only); flags still win at the next start. What
     * the system-wide file already says is left out, so that IT can still change it there.
     */
    DesktopSettings remember(DesktopSettings s) {
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("branch", s.branch().orElse(null));
        changes.put("counter", s.counter().orElse(null));
        changes.put("device-token", s.deviceToken().orElse(null));
        changes.put("screen", Integer.toString(s.screen()));
        changes.put("language", s.locale().toLanguageTag());
        s.backendUrl().ifPresent(u -> changes.put("backend", u));
        try {
            s.file().update(changes,
                    new SettingsFile(DesktopPaths.systemSettings(System::getProperty, System::getenv)).read());
        } catch (RuntimeException e) {
            log.warn("could not save the settings to {}", s.file().path(), e);
        }
        return s;
    }

    static LauncherViewModel.BackendHandle backendFor(DesktopSettings s) {
        if (s.backendUrl().isPresent()) {
            return new RemoteBackend(s.backendUrl().get());
        }
        EmbeddedBackend b = EmbeddedBackend.start(s.dataDir(), System.getenv());
        log.info("the backend runs in this process at {} (phones: {})", b.localUrl(), b.phoneUrl().orElse("-"));
        return b;
    }

    @Override
    public void close() {
        while (!apps.isEmpty()) {
            closeQuietly(apps.pop());
        }
        if (model != null) {
            model.close();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.warn("closing an app failed", e);
        }
    }
}
