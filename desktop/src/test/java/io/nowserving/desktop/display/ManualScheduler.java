package io.nowserving.desktop.display;

import io.nowserving.desktop.common.Scheduler;
import java.util.ArrayList;
import java.util.List;

/** A scheduler the test drives by hand: time moves only when {@link #advance} says so. */
final class ManualScheduler implements Scheduler {
    private record Task(long due, Runnable action, boolean[] cancelled) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private long now;

    @Override
    public Runnable after(long delayMs, Runnable action) {
        boolean[] cancelled = {false};
        tasks.add(new Task(now + delayMs, action, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves time on by {@code ms}, running what falls due in order. */
    void advance(long ms) {
        long end = now + ms;
        while (true) {
            Task next = tasks.stream().filter(t -> t.due() <= end).min((a, b) -> Long.compare(a.due(), b.due()))
                    .orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = next.due();
            if (!next.cancelled()[0]) {
                next.action().run();
            }
        }
        now = end;
    }

    long now() {
        return now;
    }
}
