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
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
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

    @Test
    void numbersAndCountersHaveAContrastOfAtLeastSevenToOneAndNoClerkAppears() {
        for (boolean flashing : new boolean[] {false, true}) {
            Scene scene = scene(Locale.ENGLISH, 1280, 720, flashing, false);
            Fx.run(() -> {
                scene.getRoot().applyCss();
                scene.getRoot().layout();
            });
            for (String style : List.of("front-number", "front-counter", "tile-number", "tile-counter",
                    "previous-number", "previous-counter", "waiting-count")) {
                for (Node n : Fx.call(() -> List.copyOf(scene.getRoot().lookupAll("." + style)))) {
                    Label l = (Label) n;
                    double ratio = Fx.call(() -> contrast((Color) l.getTextFill(), background(l)));
                    assertTrue(ratio >= 7, style + " (flashing " + flashing + ") has contrast " + ratio);
                }
            }
            List<String> texts = Fx.call(() -> scene.getRoot().lookupAll(".label").stream()
                    .map(n -> ((Label) n).getText()).filter(java.util.Objects::nonNull).toList());
            assertTrue(texts.stream().noneMatch(t -> t.contains("clerk")), texts::toString);
        }
    }

    /** The colour behind {@code n}: the first opaque background fill of it or a parent. */
    private static Color background(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p instanceof Region r && r.getBackground() != null) {
                for (BackgroundFill f : r.getBackground().getFills()) {
                    if (f.getFill() instanceof Color c && c.getOpacity() == 1) {
                        return c;
                    }
                }
            }
        }
        return Color.BLACK;
    }

    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
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
