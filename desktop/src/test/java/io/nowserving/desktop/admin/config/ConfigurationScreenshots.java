package io.nowserving.desktop.admin.config;

import static io.nowserving.desktop.admin.config.ConfigWindow.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.testing.TestBackend;
import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.testing.Fx;
import io.nowserving.desktop.testing.Screenshots;
import io.nowserving.shared.api.Device;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PNGs of the Configuration tab (services, counters, hours, devices with a new token, users): English at 1920×1080 and
 * 1280×800, Traditional Chinese at 1280×800.
 */
class ConfigurationScreenshots {
    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() {
        Fx.start();
    }

    @Test
    void screenshotsAreWrittenAndNotBlank() throws Exception {
        Path out = Screenshots.dir();
        int written = 0;
        try (TestBackend backend = TestBackend.start(dir.resolve("backend"))) {
            furnish(backend);
            for (Locale l : new Locale[] {Locale.ENGLISH, Messages.TRADITIONAL_CHINESE}) {
                String lang = l.equals(Locale.ENGLISH) ? "en" : "zh-TW";
                // Chinese at the smaller size only: its longer labels are what could clip there
                int[][] sizes = l.equals(Locale.ENGLISH) ? new int[][] {{1920, 1080}, {1280, 800}}
                        : new int[][] {{1280, 800}};
                for (int[] size : sizes) {
                    try (ConfigWindow w = ConfigWindow.open(backend, backend.ownerToken(), true, l, size[0],
                            size[1])) {
                        waitFor(() -> w.<TableView<?>>node("#services").getItems().size() == 4);
                        String suffix = "-" + lang + "-" + size[0] + "x" + size[1] + ".png";
                        w.choose("#services", s -> ((io.nowserving.shared.api.BranchConfiguration.Service) s).id()
                                .equals("passports"));
                        written += shoot(w, out.resolve("admin-config-services" + suffix), size);
                        w.tab("counters");
                        w.choose("#counters", c -> ((io.nowserving.shared.api.BranchConfiguration.Counter) c).id()
                                .equals("1"));
                        written += shoot(w, out.resolve("admin-config-counters" + suffix), size);
                        w.tab("hours");
                        written += shoot(w, out.resolve("admin-config-hours" + suffix), size);
                        w.tab("devices");
                        String device = l.equals(Locale.ENGLISH) ? "Door kiosk" : "門口取號機";
                        w.type("#device-name", device);
                        w.press("#device-register");
                        waitFor(() -> Fx.call(() -> w.<VBox>node("#token-panel").isVisible()
                                && w.<TableView<Device>>node("#devices").getItems().stream()
                                .anyMatch(d -> d.name().equals(device))));
                        written += shoot(w, out.resolve("admin-config-devices" + suffix), size);
                        w.tab("users");
                        waitFor(() -> w.<TableView<?>>node("#users").getItems().size() >= 2);
                        w.choose("#users", u -> ((io.nowserving.shared.api.StaffUser) u).username().equals("clerk"));
                        written += shoot(w, out.resolve("admin-config-users" + suffix), size);
                    }
                }
            }
        }
        assertEquals(15, written);
        System.out.println("configuration screenshots in " + out);
    }

    /** A branch as a manager would have it: four services, a closed day, lunch breaks. */
    private static void furnish(TestBackend backend) {
        put(backend, "/api/v1/branches/main/services/passports", "{\"name\":\"Passports\",\"prefix\":\"P\","
                + "\"dailyCapacity\":120,\"targetWaitSeconds\":1200,\"noShowGraceSeconds\":180}");
        put(backend, "/api/v1/branches/main/services/loans", "{\"name\":\"Loans and mortgages\",\"prefix\":\"L\","
                + "\"dailyCapacity\":null,\"targetWaitSeconds\":900,\"noShowGraceSeconds\":300}");
        String day = "[[\"08:30\",\"12:00\"],[\"13:00\",\"17:30\"]]";
        put(backend, "/api/v1/branches/main", "{\"name\":\"Main Street branch\",\"timeZone\":\"Asia/Taipei\","
                + "\"openingHours\":{\"mon\":" + day + ",\"tue\":" + day + ",\"wed\":" + day + ",\"thu\":" + day
                + ",\"fri\":" + day + ",\"sat\":[[\"09:00\",\"12:00\"]],\"sun\":[]},"
                + "\"closedDays\":[\"2026-12-25\",\"2027-01-01\"],\"remoteQueueing\":true}");
    }

    private static void put(TestBackend backend, String path, String body) {
        TestBackend.Reply r = backend.owner("PUT", path, body);
        assertEquals(200, r.status(), r.body()::toString);
    }

    private static int shoot(ConfigWindow w, Path file, int[] size) throws Exception {
        Fx.snapshot(w.stage.getScene(), file);
        assertTrue(Files.size(file) > 10_000, file + " is only " + Files.size(file) + " bytes");
        BufferedImage image = javax.imageio.ImageIO.read(file.toFile());
        assertEquals(size[0], image.getWidth());
        assertEquals(size[1], image.getHeight());
        return 1;
    }
}
