package io.nowserving.desktop.common;

import java.util.List;
import javafx.scene.media.Media;
import javafx.scene.media.MediaException;
import javafx.scene.media.MediaPlayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays clips through javafx-media, one MediaPlayer at a time. Each clip also has a deadline (its length from the
 * WAV header plus a margin), so a player that never reports its end (no sound device) cannot stall the queue.
 */
public final class MediaAudioSink implements AudioSink {
    private static final Logger log = LoggerFactory.getLogger(MediaAudioSink.class);
    private static final long MARGIN_MS = 1500;

    private final Scheduler scheduler;
    private MediaPlayer player;
    private Runnable cancelDeadline = () -> { };
    private int generation;
    private boolean warned;

    public MediaAudioSink(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void play(List<Clip> clips, Runnable done) {
        int mine = ++generation;
        playFrom(clips, 0, done, mine);
    }

    private void playFrom(List<Clip> clips, int index, Runnable done, int mine) {
        stopPlayer();
        if (mine != generation) {
            return;
        }
        if (index >= clips.size()) {
            done.run();
            return;
        }
        Clip clip = clips.get(index);
        boolean[] moved = {false};
        Runnable onward = () -> {
            if (!moved[0] && mine == generation) {
                moved[0] = true;
                playFrom(clips, index + 1, done, mine);
            }
        };
        cancelDeadline = scheduler.after(WavDuration.millis(clip.url(), 3000) + MARGIN_MS, onward);
        try {
            MediaPlayer p = new MediaPlayer(new Media(clip.url().toExternalForm()));
            p.setOnEndOfMedia(onward);
            p.setOnError(() -> {
                cannotPlay(clip, p.getError());
                onward.run();
            });
            player = p;
            p.play();
        } catch (MediaException | UnsupportedOperationException e) {
            // the deadline moves on; sound is best effort, the screen still shows the call
            cannotPlay(clip, e);
        }
    }

    /** Logged in full once: a machine without sound would otherwise log every clip of every call. */
    private void cannotPlay(Clip clip, Exception e) {
        if (!warned) {
            warned = true;
            log.warn("clip {} could not be played; calls are shown but not heard (logged once)", clip.name(), e);
        } else {
            log.debug("clip {} could not be played: {}", clip.name(), e == null ? "?" : e.getMessage());
        }
    }

    private void stopPlayer() {
        cancelDeadline.run();
        if (player != null) {
            player.dispose();
            player = null;
        }
    }

    @Override
    public void close() {
        generation++;
        stopPlayer();
    }
}
