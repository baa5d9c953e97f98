package io.nowserving.desktop.display;

import io.nowserving.desktop.common.AudioSink;
import io.nowserving.desktop.common.Clip;
import java.util.ArrayList;
import java.util.List;

/** Records what it is asked to play; an announcement finishes only when the test calls {@link #finish()}. */
final class RecordingAudioSink implements AudioSink {
    final List<List<Clip>> played = new ArrayList<>();
    private Runnable pending;

    @Override
    public void play(List<Clip> clips, Runnable done) {
        if (pending != null) {
            throw new AssertionError("an announcement started while another was still playing");
        }
        played.add(clips);
        pending = done;
    }

    boolean playing() {
        return pending != null;
    }

    void finish() {
        Runnable d = pending;
        pending = null;
        d.run();
    }
}
