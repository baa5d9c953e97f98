package io.nowserving.desktop.common;

import java.util.function.LongSupplier;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.scene.input.MouseEvent;

/**
 * Hides the mouse pointer over a display's or kiosk's scene once it has rested for a while, and shows it again as
 * soon as it moves. One timer at a time: a move only notes the time, and the timer re-arms for what is left.
 */
public final class IdleCursor {
    /** How long the pointer rests before it goes. */
    public static final long IDLE_MS = 3_000;

    private final Scene scene;
    private final Scheduler scheduler;
    private final LongSupplier now;
    private final long idleMs;
    private long lastMove;
    private boolean armed;

    private IdleCursor(Scene scene, Scheduler scheduler, LongSupplier now, long idleMs) {
        this.scene = scene;
        this.scheduler = scheduler;
        this.now = now;
        this.idleMs = idleMs;
    }

    /** Watches {@code scene} (on the FX thread); {@code scheduler} runs its timer there, {@code now} in ms. */
    public static IdleCursor install(Scene scene, Scheduler scheduler, LongSupplier now, long idleMs) {
        IdleCursor c = new IdleCursor(scene, scheduler, now, idleMs);
        scene.addEventFilter(MouseEvent.ANY, e -> c.moved());
        c.moved();
        return c;
    }

    private void moved() {
        lastMove = now.getAsLong();
        if (scene.getCursor() == Cursor.NONE) {
            scene.setCursor(Cursor.DEFAULT);
        }
        if (!armed) {
            arm(idleMs);
        }
    }

    private void arm(long ms) {
        armed = true;
        scheduler.after(ms, () -> {
            long left = lastMove + idleMs - now.getAsLong();
            if (left > 0) {
                arm(left);
            } else {
                armed = false;
                scene.setCursor(Cursor.NONE);
            }
        });
    }
}
