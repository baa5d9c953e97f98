package io.nowserving.desktop.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.desktop.common.Background;
import io.nowserving.desktop.common.DesktopSettings;
import io.nowserving.desktop.common.FxThread;
import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.testing.Fx;
import io.nowserving.desktop.testing.Screenshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Scene;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as a shop owner first sees it, in both languages and at both sizes the README shows. */
class LauncherScreenshots {
    @Test
    void rendersTheLauncherInBothLanguages(@TempDir Path data) throws Exception {
        Fx.start();
        try (var backend = io.nowserving.backend.testing.TestBackend.start(data.resolve("backend"))) {
            render(data, "http://127.0.0.1:" + backend.port());
        }
    }

    private void render(Path data, String url) throws Exception {
        Path out = Screenshots.dir();
        for (String lang : new String[] {"en", "zh-TW"}) {
            DesktopSettings s = DesktopSettings.resolve(new String[] {"--data-dir=" + data, "--language=" + lang},
                    k -> null, k -> null);
            LauncherViewModel vm = new LauncherViewModel(s, Background.sameThread(), x -> x, x -> new Fake(url));
            vm.start();
            for (int[] size : new int[][] {{1920, 1080}, {1280, 800}}) {
                Scene scene = Fx.call(() -> {
                    Scene sc = new LauncherView(vm, Messages.of("io.nowserving.desktop.launcher.messages",
                            s.locale()), (m, st, x) -> { }).scene();
                    javafx.stage.Stage stage = new javafx.stage.Stage();
                    stage.setScene(sc);
                    stage.setWidth(size[0]);
                    stage.setHeight(size[1]);
                    stage.show();
                    return sc;
                });
                Path png = out.resolve("launcher-" + lang + "-" + size[0] + "x" + size[1] + ".png");
                Fx.snapshot(scene, png);
                assertTrue(Files.size(png) > 10_000, png + " has content");
                Fx.run(() -> scene.getWindow().hide());
            }
            vm.close();
        }
    }

    /** A backend that answers like a first start on a PC with a shop network. */
    private record Fake(String localUrl) implements LauncherViewModel.BackendHandle {

        @Override
        public Optional<String> phoneUrl() {
            return Optional.of("http://192.168.1.23:8080");
        }

        @Override
        public boolean reachableByPhones() {
            return true;
        }

        @Override
        public Optional<String> adminPasswordFile() {
            return Optional.of("/home/shop/.nowserving/admin-password.txt");
        }

        @Override
        public void close() {
        }
    }
}
