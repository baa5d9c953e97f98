package io.nowserving.desktop.display;

import io.nowserving.desktop.common.AudioSink;
import io.nowserving.desktop.common.Clip;
import io.nowserving.desktop.common.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Calls shown and spoken one at a time, in the order they came: each stays highlighted for at least the minimum
 * time AND its announcement plays to the end before the next begins, so none is skipped or cut off. Calls older
 * than {@link #MAX_AGE} (e.g. missed while offline) are not announced: they appear in the lists only. All calls
 * arrive and finish on the FX thread.
 */
public final class AnnouncementQueue implements AutoCloseable {
    public static final Duration MAX_AGE = Duration.ofMinutes(2);

    private final Scheduler scheduler;
    private final Clock clock;
    private final AudioSink sink;
    private final Function<Call, List<Clip>> voice;
    private final long minimumMs;
    private final Consumer<Call> show;
    private final Deque<Call> waiting = new ArrayDeque<>();
    private Call current;
    private int turn;
    private int pending;
    private Runnable cancelTimer = () -> { };
    private boolean closed;

    /**
     * @param show told of each call as its turn starts, and of {@code null} when the queue runs empty
     */
    public AnnouncementQueue(Scheduler scheduler, Clock clock, AudioSink sink, Function<Call, List<Clip>> voice,
                             Duration minimum, Consumer<Call> show) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.sink = sink;
        this.voice = voice;
        this.minimumMs = minimum.toMillis();
        this.show = show;
    }

    /** Queues {@code call}; it starts at once when nothing else is being shown. */
    public void offer(Call call) {
        if (closed || tooOld(call)) {
            return;
        }
        waiting.add(call);
        if (current == null) {
            next();
        }
    }

    /** Calls waiting for their turn (not counting the one shown). */
    public int waiting() {
        return waiting.size();
    }

    private void next() {
        Call c = waiting.poll();
        // a call that waited past its age (a flood) is no longer worth announcing
        while (c != null && tooOld(c)) {
            c = waiting.poll();
        }
        current = c;
        show.accept(c);
        if (c == null) {
            return;
        }
        int mine = ++turn;
        pending = 2;
        cancelTimer = scheduler.after(minimumMs, () -> partDone(mine));
        sink.play(voice.apply(c), () -> partDone(mine));
    }

    private void partDone(int which) {
        if (closed || which != turn) {
            return;
        }
        if (--pending == 0) {
            next();
        }
    }

    private boolean tooOld(Call c) {
        return clock.millis() - c.at() > MAX_AGE.toMillis();
    }

    @Override
    public void close() {
        closed = true;
        waiting.clear();
        cancelTimer.run();
        sink.close();
    }
}
