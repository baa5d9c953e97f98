package io.nowserving.desktop.counter;

import static io.nowserving.shared.events.EventType.TICKET_CALLED;
import static io.nowserving.shared.events.EventType.TICKET_ISSUED;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.testing.Fx;
import io.nowserving.shared.client.NowServingClient;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PNGs of the console (serving a ticket, a few waiting, one priority) and of the sign-in screen, in both languages
 * at both sizes, to {@code -Dnowserving.screenshots=DIR} (a temporary folder when not set) for people to look at.
 */
class CounterScreenshots {
    @TempDir
    Path tmp;

    @Test
    void rendersTheConsoleAndSignInInBothLanguagesAtBothSizes() throws IOException {
        Fx.start();
        String wanted = System.getProperty("nowserving.screenshots", "");
        Path out = wanted.isBlank() ? tmp : Path.of(wanted);
        try (NowServingClient client = NowServingClient.builder("http://127.0.0.1:9").build()) {
            for (Locale locale : List.of(Locale.ENGLISH, Messages.TRADITIONAL_CHINESE)) {
                String lang = locale.equals(Locale.ENGLISH) ? "en" : "zh-TW";
                for (int[] size : List.of(new int[] {1920, 1080}, new int[] {1280, 800})) {
                    Path png = out.resolve("counter-" + lang + "-" + size[0] + "x" + size[1] + ".png");
                    CounterViewModel vm = Fx.call(() -> serving(client, locale));
                    Fx.snapshot(Fx.call(() -> CounterApp.scene(vm, size[0], size[1])), png);
                    assertDrawn(png);
                }
                // not asked for, but looked at: the out-of-turn question, offline, and the choice of counter
                CounterViewModel asking = Fx.call(() -> serving(client, locale));
                Fx.run(() -> asking.askToCall(asking.waiting().get(1)));
                Path prompt = out.resolve("counter-confirm-" + lang + "-1280x800.png");
                Fx.snapshot(Fx.call(() -> CounterApp.scene(asking, 1280, 800)), prompt);
                assertDrawn(prompt);
                CounterViewModel offline = Fx.call(() -> serving(client, locale));
                Fx.run(() -> offline.onOffline(java.time.Instant.ofEpochMilli(CounterEvents.T0 + 120_000)));
                Path banner = out.resolve("counter-offline-" + lang + "-1280x800.png");
                Fx.snapshot(Fx.call(() -> CounterApp.scene(offline, 1280, 800)), banner);
                assertDrawn(banner);
                CounterViewModel choosing = Fx.call(() -> serving(client, locale));
                Fx.run(() -> choosing.screen.set(CounterViewModel.Screen.CHOOSE_COUNTER));
                Path choose = out.resolve("counter-choose-" + lang + "-1280x800.png");
                Fx.snapshot(Fx.call(() -> CounterApp.scene(choosing, 1280, 800)), choose);
                assertDrawn(choose);
                Path signIn = out.resolve("counter-signin-" + lang + "-1280x800.png");
                CounterViewModel fresh = Fx.call(() -> new CounterViewModel(CounterEvents.context(tmp, locale,
                        CounterEvents.clockAt(CounterEvents.T0)), client));
                Fx.snapshot(Fx.call(() -> CounterApp.scene(fresh, 1280, 800)), signIn);
                assertDrawn(signIn);
            }
        }
    }

    private CounterViewModel serving(NowServingClient client, Locale locale) {
        CounterViewModel vm = new CounterViewModel(CounterEvents.context(tmp, locale,
                CounterEvents.clockAt(CounterEvents.T0 + 200_000)), client);
        CounterEvents events = new CounterEvents();
        vm.showConsole("main", "1");
        vm.onSnapshot(CounterEvents.snapshot());
        vm.onEvent(events.ticket(TICKET_ISSUED, "t1", "A001", "a", false, null));
        vm.onEvent(events.ticket(TICKET_ISSUED, "t2", "A002", "a", false, null));
        vm.onEvent(events.ticket(TICKET_ISSUED, "t3", "B001", "b", false, null));
        vm.onEvent(events.ticket(TICKET_ISSUED, "t4", "A003", "a", false, null));
        vm.onEvent(events.ticket(TICKET_ISSUED, "t5", "B002", "b", true, null));
        vm.onEvent(events.ticket(TICKET_ISSUED, "t6", "A004", "a", false, null));
        vm.onEvent(events.ticket(TICKET_CALLED, "t1", "A001", "a", false, "2"));
        vm.onEvent(events.ticket(TICKET_CALLED, "t2", "A002", "a", false, "1"));
        return vm;
    }

    /** Written, and more than a blank canvas: many distinct colours. */
    private static void assertDrawn(Path png) throws IOException {
        assertTrue(Files.size(png) > 10_000, png + " is too small to show anything");
        BufferedImage image = ImageIO.read(png.toFile());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, png + " looks blank (" + colours.size() + " colours)");
    }
}
