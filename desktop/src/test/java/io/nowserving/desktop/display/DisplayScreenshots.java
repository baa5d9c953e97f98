package io.nowserving.desktop.display;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.testing.Fx;
import io.nowserving.shared.api.PresenceToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import javafx.scene.Scene;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PNGs of the display at common sizes in both languages, for people to look at (and checked to be written). */
class DisplayScreenshots {
    private static final Instant NOW = Instant.parse("2026-03-02T06:02:30Z");
    private static final long T = NOW.toEpochMilli();

    @TempDir
    static Path temp;

    @BeforeAll
    static void toolkit() {
        Fx.start();
    }

    static Path folder() {
        String dir = System.getProperty("nowserving.screenshots", "");
        return dir.isBlank() ? temp : Path.of(dir);
    }

    /** A display view over a view-model fed a morning's events (on the FX thread). */
    static Scene scene(Locale locale, int w, int h, boolean flashing, boolean offline) {
        return Fx.call(() -> {
            DisplayViewModel vm = new DisplayViewModel(Messages.of(locale), Clock.fixed(NOW, ZoneOffset.UTC),
                    c -> { });
            Scene scene = new DisplayView(vm, Messages.of("io.nowserving.desktop.display.messages", locale))
                    .scene(w, h);
            vm.onSnapshot(Events.snapshot(T));
            long seq = 0;
            for (int i = 1; i <= 14; i++) {
                vm.onEvent(Events.issued(++seq, i % 3 == 0 ? "b" : "a", (i % 3 == 0 ? "B" : "A")
                        + String.format("%03d", i), T));
            }
            for (int i = 1; i <= 11; i++) {
                vm.onEvent(Events.called(++seq, i % 3 == 0 ? "b" : "a", (i % 3 == 0 ? "B" : "A")
                        + String.format("%03d", i), String.valueOf(1 + i % 3), T));
            }
            if (flashing) {
                vm.highlight(new Call("A011", "3", T, false));
            }
            vm.qr().show(new PresenceToken("tok", T + 60_000, "http://192.168.1.20:8080/b/main#p=abcdefghijklmnop"));
            if (offline) {
                vm.onOffline(NOW);
            }
            return scene;
        });
    }

    @Test
    void screenshotsAreWrittenAndNotBlank() throws Exception {
        Path dir = folder();
        int[][] sizes = {{1920, 1080}, {1280, 800}};
        for (Locale l : new Locale[] {Locale.ENGLISH, Messages.TRADITIONAL_CHINESE}) {
            String tag = l.equals(Locale.ENGLISH) ? "en" : "zh-TW";
            for (int[] s : sizes) {
                write(scene(l, s[0], s[1], tag.equals("en"), false), dir.resolve("display-" + tag + "-" + s[0] + "x"
                        + s[1] + ".png"));
            }
        }
        write(scene(Locale.ENGLISH, 3840, 2160, false, false), dir.resolve("display-en-3840x2160.png"));
        write(scene(Locale.ENGLISH, 1280, 800, false, true), dir.resolve("display-offline-en-1280x800.png"));
    }

    private static void write(Scene scene, Path png) throws Exception {
        Fx.snapshot(scene, png);
        double numberPx = Fx.call(() -> ((javafx.scene.control.Label) scene.getRoot().lookup(".front-number"))
                .getFont().getSize());
        assertTrue(numberPx >= scene.getHeight() / 10, png + ": the called number is " + numberPx
                + " px, under a tenth of the screen's height");
        assertTrue(Files.size(png) > 20_000, png + " is suspiciously small: " + Files.size(png));
    }
}
