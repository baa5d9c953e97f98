package io.nowserving.desktop.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import io.nowserving.desktop.common.Background;
import io.nowserving.desktop.common.FxThread;
import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.testing.Fx;
import io.nowserving.desktop.testing.Screenshots;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PNGs of the admin app over days of a real backend: the overview, the day chart, the heatmap and the history at
 * 1920×1080 and 1280×800, and the overview in Traditional Chinese. Three weeks are played when the pictures are
 * made for the docs ({@code -Dnowserving.screenshots=…}), one day and a morning otherwise (the build still renders and checks
 * every picture, quickly).
 */
class AdminScreenshots {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    @BeforeAll
    static void toolkit() {
        Fx.start();
    }

    @Test
    void screenshotsOfEveryTabAreWrittenAndNotBlank(@TempDir Path tmp) throws Exception {
        Path dir = Screenshots.dir();
        boolean forDocs = !System.getProperty("nowserving.screenshots", "").isBlank();
        int days = forDocs ? 21 : 1;
        LocalDate first = LocalDate.now(TAIPEI).plusDays(1).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        LocalDate today = first.plusDays(days);
        int written = 0;
        try (TestBackend backend = TestBackend.start(tmp.resolve("backend"), TestBranches.branch("main", 3, null));
             Background background = Background.start("admin-shots", FxThread.platform())) {
            backend.createUser("mei", TestBackend.CLERK_PASSWORD, "clerk", "main");
            String mei = TestBackend.tokenOf(backend.login("mei", TestBackend.CLERK_PASSWORD));
            BusyDays play = new BusyDays(backend, "main", TAIPEI, backend.clerkToken(), backend.ownerToken(), mei);
            for (LocalDate d = first; d.isBefore(today); d = d.plusDays(1)) {
                play.play(d, forDocs ? 1 : 0.4, null);
            }
            play.play(today, forDocs ? 1.6 : 0.8, LocalTime.of(forDocs ? 11 : 10, 10));
            AdminFixture.committed(backend, "main");

            for (Locale locale : new Locale[] {Locale.ENGLISH, Messages.TRADITIONAL_CHINESE}) {
                String lang = locale.equals(Locale.ENGLISH) ? "en" : "zh-TW";
                for (int[] size : new int[][] {{1920, 1080}, {1280, 800}}) {
                    AdminApp app = AdminFixture.open(backend, "main", tmp, background, locale, size[0], size[1]);
                    try {
                        AdminViewModel vm = app.viewModel();
                        String suffix = "-" + lang + "-" + size[0] + "x" + size[1] + ".png";
                        AdminFixture.waitFor(() -> Fx.call(() -> vm.overview().kpis.size() == 8
                                && !vm.overview().load.loading.get()));
                        written += shot(app, dir.resolve("admin-overview" + suffix), size);
                        if (!locale.equals(Locale.ENGLISH)) {
                            continue;
                        }
                        Fx.run(() -> {
                            vm.day().date.set(today.minusDays(1).getDayOfWeek() == DayOfWeek.SUNDAY
                                    ? today.minusDays(3) : today.minusDays(1));
                            app.view().show("day");
                        });
                        AdminFixture.waitFor(() -> Fx.call(() -> vm.day().loaded.get() != null
                                && !vm.day().load.loading.get()));
                        written += shot(app, dir.resolve("admin-day" + suffix), size);
                        Fx.run(() -> {
                            vm.heatmap().from.set(first);
                            vm.heatmap().to.set(today);
                            app.view().show("heatmap");
                        });
                        AdminFixture.waitFor(() -> Fx.call(() -> vm.heatmap().heatmap.get() != null
                                && !vm.heatmap().load.loading.get()));
                        written += shot(app, dir.resolve("admin-heatmap" + suffix), size);
                        Fx.run(() -> {
                            vm.tables().from.set(first);
                            vm.tables().to.set(today);
                            app.view().show("tables");
                        });
                        AdminFixture.waitFor(() -> Fx.call(() -> !vm.tables().services.isEmpty()
                                && !vm.tables().load.loading.get()));
                        written += shot(app, dir.resolve("admin-tables" + suffix), size);
                        Fx.run(() -> app.view().show("history"));
                        AdminFixture.waitFor(() -> Fx.call(() -> !vm.history().rows.isEmpty()
                                && !vm.history().load.loading.get()));
                        written += shot(app, dir.resolve("admin-history" + suffix), size);
                    } finally {
                        Fx.run(app::close);
                    }
                }
            }
        }
        assertEquals(12, written);
        System.out.println("admin screenshots in " + dir);
    }

    private static int shot(AdminApp app, Path file, int[] size) throws Exception {
        Fx.settle();
        Fx.snapshot(app.scene(), file);
        assertTrue(Files.size(file) > 10_000, file + " is only " + Files.size(file) + " bytes");
        BufferedImage image = javax.imageio.ImageIO.read(file.toFile());
        assertEquals(size[0], image.getWidth());
        assertEquals(size[1], image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < size[1]; y += 7) {
            for (int x = 0; x < size[0]; x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, file + " has only " + colours.size() + " colours");
        return 1;
    }
}
