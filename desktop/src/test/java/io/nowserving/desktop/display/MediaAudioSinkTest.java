package io.nowserving.desktop.display;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.desktop.common.Clip;
import io.nowserving.desktop.common.MediaAudioSink;
import io.nowserving.desktop.testing.Fx;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sound is best effort: with or without a working media stack, an announcement always comes to its end. */
class MediaAudioSinkTest {
    @BeforeAll
    static void toolkit() {
        Fx.start();
    }

    @Test
    void anAnnouncementFinishesEvenWhereNoClipCanPlay() {
        ManualScheduler scheduler = new ManualScheduler();
        MediaAudioSink sink = new MediaAudioSink(scheduler);
        List<Clip> clips = new Voice(Path.of("no-such-dir"), List.of(Locale.ENGLISH))
                .announce(new Call("A1", "2", 0, false));
        AtomicBoolean done = new AtomicBoolean();
        Fx.run(() -> sink.play(clips, () -> done.set(true)));
        // each clip's deadline is its WAV length plus a margin; 20 simulated minutes are plenty
        for (int i = 0; i < 120 && !done.get(); i++) {
            Fx.run(() -> scheduler.advance(10_000));
        }
        Fx.run(sink::close);
        assertTrue(done.get(), "the announcement never finished");
    }
}
