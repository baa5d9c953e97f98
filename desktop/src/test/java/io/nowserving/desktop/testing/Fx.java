package io.nowserving.desktop.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import org.testfx.api.FxToolkit;

/** Headless JavaFX for tests (Monocle, see the surefire properties): the toolkit, FX-thread calls, snapshots. */
public final class Fx {
    private Fx() {
    }

    /** Starts the toolkit once for the whole test JVM. */
    public static void start() {
        try {
            FxToolkit.registerPrimaryStage();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("JavaFX did not start", e);
        }
    }

    /** Runs {@code work} on the FX thread and waits for its result. */
    public static <T> T call(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        javafx.application.Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the FX call failed", e);
        }
    }

    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Waits until everything queued on the FX thread so far has run. */
    public static void settle() {
        run(() -> { });
    }

    /** Writes a PNG of {@code scene} to {@code file} (a layout pass first). */
    public static void snapshot(Scene scene, Path file) {
        WritableImage image = call(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return scene.snapshot(null);
        });
        try {
            Files.createDirectories(file.getParent());
            javax.imageio.ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
