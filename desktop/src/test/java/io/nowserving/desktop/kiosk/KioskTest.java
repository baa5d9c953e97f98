package io.nowserving.desktop.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import io.nowserving.desktop.common.AppContext;
import io.nowserving.desktop.common.AudioSink;
import io.nowserving.desktop.common.Background;
import io.nowserving.desktop.common.DesktopSettings;
import io.nowserving.desktop.common.FxThread;
import io.nowserving.desktop.common.Mode;
import io.nowserving.desktop.testing.Fx;
import io.nowserving.desktop.testing.TcpProxy;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The real kiosk against a real backend, signed in with a kiosk device token. */
class KioskTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() {
        Fx.start();
    }

    static KioskApp open(TestBackend backend, String branch, Path dataDir, Background background,
                         ReceiptPrinter printer, AudioSink audio) {
        return open(backend, "http://127.0.0.1:" + backend.port(), branch, dataDir, background, printer, audio);
    }

    static KioskApp open(TestBackend backend, String url, String branch, Path dataDir, Background background,
                         ReceiptPrinter printer, AudioSink audio) {
        String token = backend.createDevice(branch, "kiosk");
        DesktopSettings settings = new DesktopSettings(Mode.KIOSK, Optional.of(url), Optional.of(branch),
                Optional.empty(), Optional.of(token), Locale.ENGLISH, 0, false, List.of(), dataDir);
        AppContext context = new AppContext(settings, url, FxThread.platform(), background, Clock.systemUTC(),
                s -> s);
        KioskApp app = Fx.call(() -> KioskApp.open(new Stage(), context, printer, audio));
        waitFor(() -> node(app, "#service-a") != null);
        return app;
    }

    static Node node(KioskApp app, String selector) {
        return Fx.call(() -> app.view().root().lookup(selector));
    }

    static String text(KioskApp app, String selector) {
        return Fx.call(() -> app.view().root().lookup(selector) instanceof Label l ? l.getText() : null);
    }

    static void waitFor(java.util.concurrent.Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the kiosk did not get there in 20 s", e);
        }
    }

    /** Tickets waiting in the branch, all services, as the backend counts them. */
    static int waiting(TestBackend backend, String branch) {
        TestBackend.Reply r = backend.get("/api/v1/branches/" + branch);
        assertEquals(200, r.status(), r.body()::toString);
        int n = 0;
        for (var s : r.body().get("services")) {
            n += s.get("waiting").asInt();
        }
        return n;
    }

    @Test
    void aTouchIssuesATicketWhoseQrCodeAndReceiptCarryItsTrackingLinkAndADoubleTouchIssuesOne() throws Exception {
        RecordingPrinter printer = new RecordingPrinter();
        try (TestBackend backend = TestBackend.start(dir.resolve("backend"));
             Background background = Background.start("kiosk-test", FxThread.platform())) {
            KioskApp app = open(backend, "main", dir, background, printer, new RecordingSink());
            try {
                new FxRobot().clickOn(node(app, "#service-a"));
                waitFor(() -> node(app, ".ticket-number") != null);
                String number = text(app, ".ticket-number");
                assertEquals(Fx.call(() -> app.viewModel().ticket().get().number()), number);
                assertTrue(number.startsWith("A"), number);
                assertEquals(1, waiting(backend, "main"));
                String track = Fx.call(() -> app.viewModel().ticket().get().trackUrl());
                assertEquals(track, QrDecode.of(Fx.call(() -> ((ImageView) app.view().root()
                        .lookup("#ticket-qr")).getImage())));

                waitFor(() -> printer.count() == 1);
                String receipt = new String(printer.printed.get(0), StandardCharsets.ISO_8859_1);
                assertTrue(receipt.contains(number), receipt);
                assertTrue(receipt.contains(track), "the QR code's data is on the receipt");
                assertTrue(receipt.contains("\u001d(k"), "the receipt carries the printer's QR command (GS ( k)");
                waitFor(() -> "Please take your ticket below.".equals(text(app, ".printer-message")));

                Fx.run(() -> ((Button) app.view().root().lookup("#done")).fire());
                waitFor(() -> node(app, "#service-b") != null);
                Fx.run(() -> {
                    Button b = (Button) app.view().root().lookup("#service-b");
                    b.fire();
                    b.fire();
                });
                waitFor(() -> node(app, ".ticket-number") != null);
                waitFor(() -> printer.count() == 2);
                assertEquals(2, waiting(backend, "main"), "the double touch issued one ticket");
            } finally {
                Fx.run(app::close);
            }
        }
    }

    @Test
    void asTheLauncherOpensItWithTheSpeakersAndNoPrinterTheTicketIsShownWithoutAReceipt() throws Exception {
        try (TestBackend backend = TestBackend.start(dir.resolve("backend"));
             Background background = Background.start("kiosk-test", FxThread.platform())) {
            String url = "http://127.0.0.1:" + backend.port();
            DesktopSettings settings = new DesktopSettings(Mode.KIOSK, Optional.of(url), Optional.of("main"),
                    Optional.empty(), Optional.of(backend.createDevice("main", "kiosk")), Locale.ENGLISH, 0, false,
                    List.of(), dir);
            KioskApp app = Fx.call(() -> KioskApp.open(new Stage(), new AppContext(settings, url,
                    FxThread.platform(), background, Clock.systemUTC(), s -> s)));
            try {
                waitFor(() -> node(app, "#service-a") != null);
                Fx.run(() -> ((Button) app.view().root().lookup("#accessible")).fire());
                Fx.run(() -> ((Button) app.view().root().lookup("#service-a")).fire());
                waitFor(() -> "Please remember your number or scan the code.".equals(text(app, ".printer-message")));
                assertEquals(1, waiting(backend, "main"));
            } finally {
                Fx.run(app::close);
            }
        }
    }

    @Test
    void aLostServerFillsTheScreenWithAMessageAndTheKioskComesBackByItself() throws Exception {
        try (TestBackend backend = TestBackend.start(dir.resolve("backend"));
             TcpProxy proxy = new TcpProxy(backend.port());
             Background background = Background.start("kiosk-test", FxThread.platform())) {
            KioskApp app = open(backend, "http://127.0.0.1:" + proxy.port(), "main", dir, background,
                    new RecordingPrinter(), new RecordingSink());
            try {
                proxy.cut();
                waitFor(() -> ("The kiosk cannot reach the server right now. It will be back by itself in a "
                        + "moment.").equals(text(app, ".notice-text")));
                assertEquals(null, node(app, "#service-a"), "no button while nothing can be issued");
                proxy.resume();
                waitFor(() -> node(app, "#service-a") != null);
                Fx.run(() -> ((Button) app.view().root().lookup("#service-a")).fire());
                waitFor(() -> node(app, ".ticket-number") != null);
                assertEquals(1, waiting(backend, "main"));
            } finally {
                Fx.run(app::close);
            }
        }
    }

    @Test
    void aPrinterThatIsOfflineShowsTheMessageAndTheTicketIssuedOnce() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (TestBackend backend = TestBackend.start(dir.resolve("backend"));
             Background background = Background.start("kiosk-test", FxThread.platform())) {
            KioskApp app = open(backend, "main", dir, background, ReceiptPrinters.network("127.0.0.1", closedPort),
                    new RecordingSink());
            try {
                Fx.run(() -> ((Button) app.view().root().lookup("#service-a")).fire());
                String offline = "The ticket printer is not working. Please remember your number or scan the code.";
                waitFor(() -> offline.equals(text(app, ".printer-message")));
                assertTrue(text(app, ".ticket-number").startsWith("A"));
                Fx.run(() -> ((Button) app.view().root().lookup("#print-again")).fire());
                waitFor(() -> offline.equals(text(app, ".printer-message")) && node(app, "#print-again") != null);
                assertEquals(1, waiting(backend, "main"), "printing again issued no second ticket");
            } finally {
                Fx.run(app::close);
            }
        }
    }

    @Test
    void accessibleModeEnlargesMovesTheButtonsDownAndSpeaks() throws Exception {
        RecordingSink audio = new RecordingSink();
        try (TestBackend backend = TestBackend.start(dir.resolve("backend"));
             Background background = Background.start("kiosk-test", FxThread.platform())) {
            KioskApp app = open(backend, "main", dir, background, new RecordingPrinter(), audio);
            try {
                double[] normal = measure(app);
                new FxRobot().clickOn(node(app, "#accessible"));
                waitFor(() -> Fx.call(() -> app.viewModel().accessible().get()));
                double[] large = measure(app);
                assertTrue(large[0] > normal[0] * 1.2, "service name font " + normal[0] + " -> " + large[0]);
                assertTrue(large[1] > normal[1], "button height " + normal[1] + " -> " + large[1]);
                double sceneHeight = Fx.call(() -> app.view().root().getScene().getHeight());
                assertTrue(large[2] >= sceneHeight / 3, "the buttons start at " + large[2] + " of " + sceneHeight);
                assertEquals(List.of("chime", "prompt-choose", "a", "b"), audio.played().get(0));

                Fx.run(() -> ((Button) app.view().root().lookup("#service-b")).fire());
                waitFor(() -> node(app, ".ticket-number") != null);
                String number = text(app, ".ticket-number");
                List<String> spoken = audio.played().get(1);
                assertEquals(List.of("chime", "word-number"), spoken.subList(0, 2));
                assertEquals(number.toLowerCase(Locale.ROOT), String.join("", spoken.subList(2, spoken.size() - 1)));
                assertEquals("prompt-wait", spoken.get(spoken.size() - 1));
            } finally {
                Fx.run(app::close);
            }
        }
    }

    /** The service name's font size, the button's height and its top in the scene. */
    private static double[] measure(KioskApp app) {
        return Fx.call(() -> {
            app.view().root().applyCss();
            app.view().root().layout();
            Button b = (Button) app.view().root().lookup("#service-a");
            Label name = (Label) b.lookup(".service-name");
            return new double[] {name.getFont().getSize(), b.getHeight(),
                    b.localToScene(b.getBoundsInLocal()).getMinY()};
        });
    }

    @Test
    void capacityExhaustedShowsTheMessageThenTheServiceAsFull() throws Exception {
        try (TestBackend backend = TestBackend.start(dir.resolve("backend"), TestBranches.branch("k", 3, 1));
             Background background = Background.start("kiosk-test", FxThread.platform())) {
            KioskApp app = open(backend, "k", dir, background, new RecordingPrinter(), new RecordingSink());
            try {
                // the last ticket goes to someone else while the kiosk still shows the button: the FX thread is
                // held, so the feed's news cannot reach the screen before the touch
                Fx.run(() -> {
                    assertEquals(201, backend.issue("k", "a").status());
                    ((Button) app.view().root().lookup("#service-a")).fire();
                });
                waitFor(() -> node(app, ".notice-text") != null);
                assertEquals("General has given out all of today's tickets. Please ask at the desk.",
                        text(app, ".notice-text"));
                Fx.run(() -> ((Button) app.view().root().lookup("#language")).fire());
                waitFor(() -> "General今日號碼已發完，請洽櫃檯。".equals(text(app, ".notice-text")));
                Fx.run(() -> ((Button) app.view().root().lookup("#back")).fire());
                waitFor(() -> node(app, "#unavailable-a") != null);
                assertTrue(node(app, "#service-b") != null, "the other service still takes tickets");
                assertEquals(1, waiting(backend, "k"));
            } finally {
                Fx.run(app::close);
            }
        }
    }
}
