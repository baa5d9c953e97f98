package io.nowserving.desktop.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.desktop.common.AudioSink;
import io.nowserving.desktop.common.Background;
import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.testing.Fx;
import io.nowserving.desktop.testing.Screenshots;
import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.BranchSnapshot.ServiceStatus;
import io.nowserving.shared.api.Ticket;
import io.nowserving.shared.api.WaitEstimate;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.scene.Scene;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PNGs of the kiosk's start and ticket screens, normal and accessible, both languages, two screen sizes. */
class KioskScreenshots {
    @BeforeAll
    static void toolkit() {
        Fx.start();
    }

    static BranchSnapshot snapshot(boolean chinese) {
        return new BranchSnapshot("main", chinese ? "中山分行" : "Main Street branch", "e1", 1, 0, true, List.of(
                new ServiceStatus("a", chinese ? "一般業務" : "General", "A", 7, new WaitEstimate(420, 900), null),
                new ServiceStatus("b", chinese ? "帳戶服務" : "Accounts", "B", 2, new WaitEstimate(60, 300), 40),
                new ServiceStatus("c", chinese ? "護照申請" : "Passports", "C", 0, new WaitEstimate(0, 0), 0)),
                List.of(), List.of(), "Asia/Taipei");
    }

    /** The kiosk on {@code screen} (start or ticket), on the FX thread, with a same-thread background. */
    static Scene scene(Background background, Locale locale, boolean accessible, boolean ticket, int w, int h) {
        return Fx.call(() -> {
            KioskViewModel vm = new KioskViewModel(locale, background, (service, language) -> new Ticket("t1",
                    "A042", service, "waiting", 7, new WaitEstimate(420, 900), null, "tok",
                    "http://192.168.1.20:8080/t/main/01HZX3Q4W5#k=abcdefghijklmnop"), new RecordingPrinter(),
                    AudioSink.silent(), Clock.fixed(Instant.parse("2026-03-02T06:00:00Z"), ZoneOffset.UTC));
            Scene scene = new KioskView(vm).scene(w, h);
            vm.onSnapshot(snapshot("zh".equals(locale.getLanguage())));
            if (accessible) {
                vm.toggleAccessible();
            }
            if (ticket) {
                vm.take("a");
            }
            // a screen that failed to build (an exception in a listener) would still make a picture
            String shown = ticket ? ".ticket-number" : "#service-a";
            assertTrue(scene.getRoot().lookup(shown) != null, shown + " is not on the screen");
            return scene;
        });
    }

    @Test
    void screenshotsAreWrittenAndNotBlank() throws Exception {
        Path dir = Screenshots.dir();
        int written = 0;
        try (Background background = Background.sameThread()) {
            for (Locale l : new Locale[] {Locale.ENGLISH, Messages.TRADITIONAL_CHINESE}) {
                String lang = l.equals(Locale.ENGLISH) ? "en" : "zh-TW";
                for (int[] size : new int[][] {{1920, 1080}, {1280, 800}}) {
                    for (boolean accessible : new boolean[] {false, true}) {
                        for (boolean ticket : new boolean[] {false, true}) {
                            String mode = (ticket ? "ticket" : "start") + (accessible ? "-accessible" : "");
                            Path file = dir.resolve("kiosk-" + mode + "-" + lang + "-" + size[0] + "x" + size[1]
                                    + ".png");
                            Fx.snapshot(scene(background, l, accessible, ticket, size[0], size[1]), file);
                            assertNotTrivial(file, size[0], size[1]);
                            written++;
                        }
                    }
                }
            }
        }
        assertEquals(16, written);
        System.out.println("kiosk screenshots in " + dir);
    }

    private static void assertNotTrivial(Path file, int w, int h) throws Exception {
        assertTrue(Files.size(file) > 10_000, file + " is only " + Files.size(file) + " bytes");
        BufferedImage image = javax.imageio.ImageIO.read(file.toFile());
        assertEquals(w, image.getWidth());
        assertEquals(h, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < h; y += 7) {
            for (int x = 0; x < w; x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, file + " has only " + colours.size() + " colours");
    }
}
