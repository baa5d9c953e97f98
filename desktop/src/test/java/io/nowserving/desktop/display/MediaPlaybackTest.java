package io.nowserving.desktop.display;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nowserving.desktop.testing.Fx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.media.Media;
import javafx.scene.media.MediaException;
import javafx.scene.media.MediaPlayer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One real clip through javafx-media to its end. Where the machine's media stack cannot play (no sound device or
 * libraries, as on headless CI) this is the one test allowed to be skipped, and it says why.
 */
class MediaPlaybackTest {
    @BeforeAll
    static void toolkit() {
        Fx.start();
    }

    @Test
    void theChimePlaysToItsEnd() throws Exception {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        MediaPlayer player;
        try {
            player = Fx.call(() -> {
                MediaPlayer p = new MediaPlayer(new Media(Voice.class.getResource("clips/en/chime.wav")
                        .toExternalForm()));
                p.setOnEndOfMedia(() -> outcome.complete("end"));
                p.setOnError(() -> outcome.complete("error: " + p.getError()));
                p.play();
                return p;
            });
        } catch (IllegalStateException e) {
            Throwable cause = e.getCause() == null ? null : e.getCause().getCause();
            if (!(cause instanceof MediaException)) {
                throw e;
            }
            Assumptions.abort("javafx-media cannot play on this machine (no audio device or media libraries): "
                    + cause);
            return;
        }
        try {
            String result = outcome.get(20, TimeUnit.SECONDS);
            Assumptions.assumeFalse(result.startsWith("error") && isNoMediaStack(result),
                    "javafx-media cannot play on this machine (no audio device or media libraries): " + result);
            assertEquals("end", result);
        } finally {
            Fx.run(player::dispose);
        }
    }

    private static boolean isNoMediaStack(String error) {
        return error.contains("MEDIA_UNSUPPORTED") || error.contains("UNKNOWN") || error.contains("PLAYBACK_HALTED")
                || error.contains("MEDIA_INACCESSIBLE") || error.contains("Could not create player")
                || error.contains(MediaException.Type.OPERATION_UNSUPPORTED.name());
    }
}
