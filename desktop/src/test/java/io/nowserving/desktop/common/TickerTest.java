package io.nowserving.desktop.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TickerTest {
    /** Holds the one armed timer; {@link #fire} runs it as if it fell due. */
    private static final class OneTimer implements Scheduler {
        final List<Long> delays = new ArrayList<>();
        Runnable armed;
        final AtomicBoolean cancelled = new AtomicBoolean();

        @Override
        public Runnable after(long delayMs, Runnable action) {
            delays.add(delayMs);
            armed = action;
            return () -> cancelled.set(true);
        }

        void fire() {
            Runnable a = armed;
            armed = null;
            a.run();
        }
    }

    @Test
    void rearmsAfterEachRunUntilStopped() {
        OneTimer timer = new OneTimer();
        AtomicInteger runs = new AtomicInteger();
        Ticker ticker = Ticker.every(timer, 1000, runs::incrementAndGet);
        assertEquals(0, runs.get(), "nothing runs before the first delay");
        timer.fire();
        timer.fire();
        assertEquals(2, runs.get());
        assertEquals(List.of(1000L, 1000L, 1000L), timer.delays);

        ticker.stop();
        assertTrue(timer.cancelled.get(), "stopping cancels the armed timer");
        timer.fire(); // a timer that fires anyway (it was already on its way) does nothing
        assertEquals(2, runs.get());
        assertEquals(3, timer.delays.size(), "and arms no other");
    }

    @Test
    void asksForTheDelayBeforeEachWait() {
        OneTimer timer = new OneTimer();
        long[] next = {10};
        Ticker.start(timer, () -> next[0]++, () -> { });
        timer.fire();
        assertEquals(List.of(10L, 11L), timer.delays);
    }

    @Test
    void anActionThatStopsItsTickerEndsTheChain() {
        OneTimer timer = new OneTimer();
        Ticker[] self = new Ticker[1];
        self[0] = Ticker.every(timer, 5, () -> self[0].stop());
        timer.fire();
        assertEquals(1, timer.delays.size());
    }
}
