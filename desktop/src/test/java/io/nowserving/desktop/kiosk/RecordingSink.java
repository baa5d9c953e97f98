package io.nowserving.desktop.kiosk;

import io.nowserving.desktop.common.AudioSink;
import io.nowserving.desktop.common.Clip;
import java.util.ArrayList;
import java.util.List;

/** Records the clip names it is asked to play, and finishes each at once. */
final class RecordingSink implements AudioSink {
    final List<List<String>> played = new ArrayList<>();

    @Override
    public synchronized void play(List<Clip> clips, Runnable done) {
        played.add(clips.stream().map(Clip::name).toList());
        done.run();
    }

    synchronized List<List<String>> played() {
        return List.copyOf(played);
    }
}
