package io.nowserving.desktop.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.desktop.testing.Fx;
import java.util.PriorityQueue;
import javafx.event.Event;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdleCursorTest {
    /** Time moves only when the test says so; due actions run in order. */
    private static final class Timers implements Scheduler {
        private record Due(long at, long seq, Runnable action) {
        }

        private final PriorityQueue<Due> due = new PriorityQueue<>((a, b) -> a.at() != b.at()
                ? Long.compare(a.at(), b.at()) : Long.compare(a.seq(), b.seq()));
        private long now;
        private long seq;

        @Override
        public Runnable after(long delayMs, Runnable action) {
            Due d = new Due(now + delayMs, seq++, action);
            due.add(d);
            return () -> due.remove(d);
        }

        void advance(long ms) {
            long end = now + ms;
            while (!due.isEmpty() && due.peek().at() <= end) {
                Due d = due.poll();
                now = d.at();
                d.action().run();
            }
            now = end;
        }
    }

    @BeforeAll
    static void toolkit() {
        Fx.start();
    }

    private static void move(Scene scene) {
        Event.fireEvent(scene.getRoot(), new MouseEvent(MouseEvent.MOUSE_MOVED, 10, 10, 10, 10, MouseButton.NONE, 0,
                false, false, false, false, false, false, false, false, false, false, null));
    }

    @Test
    void thePointerGoesAfterRestingAndComesBackWhenItMoves() {
        Fx.run(() -> {
            Timers timers = new Timers();
            Scene scene = new Scene(new Pane(), 200, 100);
            IdleCursor.install(scene, timers, () -> timers.now, 3_000);
            timers.advance(2_999);
            assertNotEquals(Cursor.NONE, scene.getCursor());
            timers.advance(1);
            assertEquals(Cursor.NONE, scene.getCursor());

            move(scene);
            assertEquals(Cursor.DEFAULT, scene.getCursor());
            timers.advance(2_000);
            move(scene); // rests again from here: 3 s more
            timers.advance(2_000);
            assertEquals(Cursor.DEFAULT, scene.getCursor());
            timers.advance(999);
            assertEquals(Cursor.DEFAULT, scene.getCursor());
            timers.advance(1);
            assertEquals(Cursor.NONE, scene.getCursor());
            assertTrue(timers.due.isEmpty(), "no timer left once hidden");
        });
    }
}
