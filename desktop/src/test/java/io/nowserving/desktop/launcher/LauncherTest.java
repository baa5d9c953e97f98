package io.nowserving.desktop.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.testing.TestBackend;
import io.nowserving.desktop.common.Background;
import io.nowserving.desktop.common.DesktopSettings;
import io.nowserving.desktop.common.FxThread;
import io.nowserving.desktop.common.SettingsFile;
import io.nowserving.desktop.testing.Fx;
import io.nowserving.shared.client.NowServingClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The launcher against a real backend: connecting, listing branches, pairing this PC as a display. */
class LauncherTest {
    @TempDir
    static Path dir;
    private static TestBackend backend;
    private static Background background;

    @BeforeAll
    static void start() {
        Fx.start();
        backend = TestBackend.start(dir.resolve("backend"));
        background = Background.start("test", FxThread.platform());
    }

    @AfterAll
    static void stop() {
        background.close();
        backend.close();
    }

    private Launcher launcher(Path data) {
        DesktopSettings s = DesktopSettings.resolve(new String[] {"--data-dir=" + data,
                "--backend=http://127.0.0.1:" + backend.port(), "--language=en"}, k -> null, k -> null);
        return new Launcher(s, FxThread.platform(), background, Clock.systemUTC());
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
    }

    @Test
    void connectsListsTheBranchesAndPairsThisPcAsADisplay(@TempDir Path data) throws Exception {
        Launcher launcher = launcher(data);
        LauncherViewModel vm = Fx.call(() -> {
            launcher.show(new javafx.stage.Stage());
            return launcherModel(launcher);
        });
        waitFor(() -> Fx.call(() -> vm.ready().get()));
        assertEquals(List.of("main"), Fx.call(() -> List.copyOf(vm.branches())));
        assertEquals("main", Fx.call(() -> vm.branch().get()));
        assertFalse(Fx.call(() -> vm.paired().get()));

        Fx.run(() -> vm.pairAsDisplay("admin", "wrong-password-123", "Display"));
        waitFor(() -> Fx.call(() -> !vm.busy().get()));
        assertEquals("Wrong user name or password.", Fx.call(() -> vm.problem().get()));
        assertFalse(new SettingsFile(data).read().containsKey("device-token"));

        Fx.run(() -> vm.pairAsDisplay("admin", TestBackend.OWNER_PASSWORD, "Display"));
        waitFor(() -> Fx.call(() -> vm.paired().get()));
        Map<String, String> saved = new SettingsFile(data).read();
        String token = saved.get("device-token");
        assertTrue(token != null && token.length() >= 20, "token saved");
        assertEquals("main", saved.get("branch"));
        try (NowServingClient device = NowServingClient.builder("http://127.0.0.1:" + backend.port())
                .bearerToken(token).build()) {
            assertTrue(device.presence("main").url().contains("/b/main"), "the saved token works as a display");
        }
        Fx.run(launcher::close);
    }

    @Test
    void pairsThisPcAsAKioskWhoseTokenIssuesTickets(@TempDir Path data) throws Exception {
        Launcher launcher = launcher(data);
        LauncherViewModel vm = Fx.call(() -> {
            launcher.show(new javafx.stage.Stage());
            return launcherModel(launcher);
        });
        waitFor(() -> Fx.call(() -> vm.ready().get()));
        Fx.run(() -> vm.pair("kiosk", "admin", TestBackend.OWNER_PASSWORD, "Kiosk"));
        waitFor(() -> Fx.call(() -> vm.paired().get()));
        assertTrue(Fx.call(() -> vm.pairing().get()).startsWith("Paired as a kiosk of main."));
        String token = new SettingsFile(data).read().get("device-token");
        try (NowServingClient kiosk = NowServingClient.builder("http://127.0.0.1:" + backend.port())
                .bearerToken(token).build()) {
            assertTrue(kiosk.issueTicket("main", new io.nowserving.shared.api.IssueTicketRequest("a", "en", null,
                    null)).number().startsWith("A"), "the saved token issues tickets as the kiosk");
        }
        Fx.run(launcher::close);
    }

    @Test
    void anUnreachableBackendIsSaidPlainly(@TempDir Path data) throws Exception {
        DesktopSettings s = DesktopSettings.resolve(new String[] {"--data-dir=" + data,
                "--backend=http://127.0.0.1:1", "--language=en"}, k -> null, k -> null);
        Launcher launcher = new Launcher(s, FxThread.platform(), background, Clock.systemUTC());
        LauncherViewModel vm = Fx.call(() -> {
            launcher.show(new javafx.stage.Stage());
            return launcherModel(launcher);
        });
        waitFor(() -> Fx.call(() -> !vm.problem().get().isEmpty()));
        assertEquals("The server cannot be reached. Check the network; the app keeps trying.",
                Fx.call(() -> vm.problem().get()));
        assertFalse(Fx.call(() -> vm.ready().get()));
        Fx.run(launcher::close);
    }

    @Test
    void aDisplayStartedBeforeItsBackendOpensOnceTheBackendAnswers(@TempDir Path data) throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DesktopSettings s = DesktopSettings.resolve(new String[] {"--data-dir=" + data, "--mode=display",
                "--backend=http://127.0.0.1:" + port, "--branch=main", "--full-screen=false", "--voices=",
                "--language=en"}, k -> null, k -> null);
        Launcher launcher = new Launcher(s, FxThread.platform(), background, Clock.systemUTC());
        javafx.stage.Stage stage = Fx.call(javafx.stage.Stage::new);
        LauncherViewModel vm = Fx.call(() -> {
            launcher.show(stage);
            return launcherModel(launcher);
        });
        waitFor(() -> Fx.call(() -> !vm.problem().get().isEmpty()));
        assertTrue(Fx.call(() -> stage.isShowing()), "the status shows while the backend is away");
        try (TestBackend late = TestBackend.start(dir.resolve("late"),
                Map.of("NOWSERVING_HTTP_PORT", Integer.toString(port)))) {
            waitFor(() -> Fx.call(() -> stage.getScene().lookup(".front-number") != null));
            Fx.run(launcher::close);
        }
    }

    private static LauncherViewModel launcherModel(Launcher l) {
        return l.model();
    }
}
