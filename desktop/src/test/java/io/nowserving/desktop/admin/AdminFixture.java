package io.nowserving.desktop.admin;

import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.BulkEvents;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.desktop.common.AppContext;
import io.nowserving.desktop.common.Background;
import io.nowserving.desktop.common.DesktopSettings;
import io.nowserving.desktop.common.FxThread;
import io.nowserving.desktop.common.Mode;
import io.nowserving.desktop.testing.Fx;
import io.lettuce.core.ScriptOutputType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** The admin app against a test backend: opening it signed in on a branch, seeding history, waiting. */
final class AdminFixture {
    private AdminFixture() {
    }

    /** The app on {@code branch}, signed in as the owner, on its main screen. */
    static AdminApp open(TestBackend backend, String branch, Path dataDir, Background background, Locale locale,
                         int width, int height) {
        String url = "http://127.0.0.1:" + backend.port();
        DesktopSettings settings = new DesktopSettings(Mode.ADMIN, Optional.of(url), Optional.of(branch),
                Optional.empty(), Optional.empty(), locale, 0, false, List.of(), dataDir);
        AppContext context = new AppContext(settings, url, FxThread.platform(), background, Clock.systemUTC(),
                s -> s);
        AdminApp app = Fx.call(() -> AdminApp.open(new Stage(), context, width, height));
        Fx.run(() -> app.viewModel().signIn("admin", TestBackend.OWNER_PASSWORD));
        waitFor(() -> Fx.call(() -> app.viewModel().screen.get() == AdminViewModel.Screen.MAIN));
        return app;
    }

    static void waitFor(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the admin app did not get there in 20 s", e);
        }
    }

    /** Appends {@code count} issued tickets of service a to the branch's history, as fast as Redis takes them. */
    static void seedIssued(TestBackend backend, String branch, int count) {
        var redis = backend.redis();
        String sha = redis.scriptLoad(BulkEvents.ISSUED);
        Ids ids = new Ids(Clock.systemUTC());
        for (int done = 0; done < count; done += 200) {
            int n = Math.min(200, count - done);
            String[] argv = new String[1 + 2 * n];
            argv[0] = "a";
            for (int i = 0; i < n; i++) {
                argv[1 + 2 * i] = ids.ulid();
                argv[2 + 2 * i] = Ids.sha256(ids.token());
            }
            redis.evalsha(sha, ScriptOutputType.INTEGER, BulkEvents.issuedKeys(backend.keys(), branch), argv);
        }
        committed(backend, branch);
    }

    /** Waits until the history writer has committed every event of the branch so far. */
    static void committed(TestBackend backend, String branch) {
        long seq = Long.parseLong(backend.redis().get(backend.keys().seq(branch)));
        try {
            Await.until(Duration.ofSeconds(30), "the write-behind committed seq " + seq,
                    () -> backend.app().history().highestCommittedSeq(branch) >= seq);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
