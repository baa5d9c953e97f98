package io.nowserving.desktop.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FxSmokeTest {
    @Test
    void headlessToolkitRendersAScene(@TempDir Path dir) throws Exception {
        Fx.start();
        Scene scene = Fx.call(() -> new Scene(new StackPane(new Label("A023 \u6ac3\u6aaf 3")), 400, 200));
        Path png = dir.resolve("smoke.png");
        Fx.snapshot(scene, png);
        assertTrue(Files.size(png) > 500);
        Files.copy(png, Path.of("/tmp/smoke.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
