package io.nowserving.desktop.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where screenshot tests write their PNGs: the folder in {@code -Dnowserving.screenshots=…} (the README's pictures
 * are made with {@code docs/screenshots}), else a temporary folder, so the tests always render and check them.
 */
public final class Screenshots {
    private Screenshots() {
    }

    public static Path dir() {
        String configured = System.getProperty("nowserving.screenshots", "");
        try {
            if (!configured.isBlank()) {
                Path d = Path.of(configured).toAbsolutePath();
                Files.createDirectories(d);
                return d;
            }
            return Files.createTempDirectory("nowserving-screenshots");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
