package io.nowserving.desktop.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.testing.TestBackend;
import io.nowserving.desktop.common.AppContext;
import io.nowserving.desktop.common.Background;
import io.nowserving.desktop.common.DesktopSettings;
import io.nowserving.desktop.common.FxThread;
import io.nowserving.desktop.common.Mode;
import io.nowserving.desktop.testing.Fx;
import io.nowserving.desktop.testing.TcpProxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The real display against a real backend: calls appear at once, the backend going away shows, nothing is lost. */
class DisplayTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() {
        Fx.start();
    }

    static DisplayApp open(String url, Optional<String> token, Path dataDir, Background background) {
        DesktopSettings settings = new DesktopSettings(Mode.DISPLAY, Optional.of(url), Optional.of("main"),
                Optional.empty(), token, Locale.ENGLISH, 0, false, List.of(), dataDir);
        AppContext context = new AppContext(settings, url, FxThread.platform(), background, Clock.systemUTC(),
                s -> s);
        return Fx.call(() -> DisplayApp.open(new Stage(), context));
    }

    static String text(DisplayApp app, String styleClass) {
        return Fx.call(() -> {
            Node n = app.view().root().lookup("." + styleClass);
            return n instanceof Label l ? l.getText() : null;
        });
    }

    static String number(TestBackend backend, String counter) {
        TestBackend.Reply r = backend.counter("main", counter, "call-next");
        assertEquals(200, r.status(), () -> "call-next: " + r.body());
        return r.body().at("/ticket/number").asText();
    }

    @Test
    void showsCallsAtOnceGoesVisiblyOfflineCatchesUpAndItsQrCodeDecodesToTheCheckInLink() throws Exception {
        try (TestBackend backend = TestBackend.start(dir.resolve("backend"));
             TcpProxy proxy = new TcpProxy(backend.port());
             Background background = Background.start("display-test", FxThread.platform())) {
            String token = backend.createDevice("main", "display");
            DisplayApp app = open("http://127.0.0.1:" + proxy.port(), Optional.of(token), dir, background);
            try {
                WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !Fx.call(() ->
                        app.viewModel().branchName().get()).isEmpty());
                for (String c : List.of("1", "2", "3")) {
                    assertEquals(200, backend.counter("main", c, "open").status());
                }
                backend.issue("main", "a");
                String first = number(backend, "1");
                long calledAt = System.nanoTime();
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> first.equals(text(app, "front-number")));
                long ms = (System.nanoTime() - calledAt) / 1_000_000;
                System.out.println("display test: the call showed after " + ms + " ms");
                assertTrue(ms <= 1000, "the call took " + ms + " ms to show");

                proxy.cut();
                long cutAt = System.nanoTime();
                WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> Fx.call(() -> app.viewModel().offline().get()));
                long offlineMs = (System.nanoTime() - cutAt) / 1_000_000;
                System.out.println("display test: the offline banner showed after " + offlineMs + " ms");
                assertTrue(offlineMs <= 5000, "the banner took " + offlineMs + " ms");
                assertTrue(text(app, "offline-banner").startsWith("Offline"), text(app, "offline-banner"));

                backend.issue("main", "b");
                backend.issue("main", "a");
                String second = number(backend, "2");
                String third = number(backend, "3");
                proxy.resume();
                WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !Fx.call(() ->
                        app.viewModel().offline().get()));
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Fx.call(() -> app.viewModel().serving()
                        .stream().map(DisplayViewModel.CallLine::number).toList()).containsAll(
                        List.of(first, second, third)));
                // both missed calls are younger than 2 minutes: announced in turn, then the newest stays in front
                WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> third.equals(text(app, "front-number"))
                        && !Fx.call(() -> app.viewModel().flashing().get()));
                assertFalse(Fx.call(() -> app.view().animating()), "an idle display runs no animation");
                assertEquals(List.of(second, first), Fx.call(() -> app.viewModel().previous().stream()
                        .map(DisplayViewModel.CallLine::number).toList()), "the missed calls came in, newest first");

                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Fx.call(() ->
                        app.view().qrImage().getImage()) != null);
                String decoded = ImageLuminance.decode(Fx.call(() -> app.view().qrImage().getImage()));
                assertEquals(Fx.call(() -> app.viewModel().qr().content().get()), decoded);
                assertTrue(decoded.startsWith("http://127.0.0.1:" + proxy.port() + "/b/main#p="), decoded);
                assertEquals("http://127.0.0.1:" + proxy.port() + "/b/main", text(app, "qr-caption"));
            } finally {
                Fx.run(app::close);
            }
        }
    }

    @Test
    void theQrCodeIsRenewedBeforeItsTokenExpires() throws Exception {
        try (TestBackend backend = TestBackend.start(dir.resolve("backend"),
                java.util.Map.of("NOWSERVING_PRESENCE_TTL_SECONDS", "10"));
             Background background = Background.start("display-test", FxThread.platform())) {
            String token = backend.createDevice("main", "display");
            DisplayApp app = open("http://127.0.0.1:" + backend.port(), Optional.of(token), dir, background);
            try {
                WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !Fx.call(() ->
                        app.viewModel().qr().content().get()).isEmpty());
                String first = Fx.call(() -> app.viewModel().qr().content().get());
                long shownAt = System.nanoTime();
                WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !first.equals(Fx.call(() ->
                        app.viewModel().qr().content().get())));
                long ms = (System.nanoTime() - shownAt) / 1_000_000;
                assertTrue(ms < 10_000, "the 10 s token was replaced only after " + ms + " ms");
                String decoded = ImageLuminance.decode(Fx.call(() -> app.view().qrImage().getImage()));
                assertEquals(Fx.call(() -> app.viewModel().qr().content().get()), decoded);
            } finally {
                Fx.run(app::close);
            }
        }
    }

    @Test
    void withoutADeviceTokenTheQrAreaSaysTheDisplayIsNotPaired() throws Exception {
        try (TestBackend backend = TestBackend.start(dir.resolve("backend"));
             Background background = Background.start("display-test", FxThread.platform())) {
            DisplayApp app = open("http://127.0.0.1:" + backend.port(), Optional.empty(), dir, background);
            try {
                WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !Fx.call(() ->
                        app.viewModel().qr().paired().get()));
                assertTrue(Fx.call(() -> app.view().root().lookup(".qr-unpaired").isVisible()));
                assertEquals(null, Fx.call(() -> app.view().qrImage().getImage()));
            } finally {
                Fx.run(app::close);
            }
        }
    }
}
