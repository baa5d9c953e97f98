package io.nowserving.desktop.common;

import java.util.List;

/** Plays clips one after another; {@code done} runs once (on the FX thread) when the last has finished. */
public interface AudioSink extends AutoCloseable {
    void play(List<Clip> clips, Runnable done);

    /** Stops whatever plays; a pending {@code done} need not run. */
    @Override
    default void close() {
    }

    /** A sink for displays without voices: finishes at once. */
    static AudioSink silent() {
        return (clips, done) -> done.run();
    }
}
