package io.nowserving.desktop.kiosk;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * The countdown back to the start screen: it runs while the kiosk shows anything but a fresh start screen, starts
 * over at every touch, and the customer can add time as often as needed (no time limit that cannot be extended).
 * Ticked once a second on the FX thread.
 */
final class IdleTimeout {
    /** Seconds a screen waits for its customer; doubled in accessible mode. */
    static final int SECONDS = 30;
    /** Not counting. */
    static final int OFF = -1;

    private final IntegerProperty left = new SimpleIntegerProperty(OFF);
    private final Runnable timeOut;
    private int full = SECONDS;

    IdleTimeout(Runnable timeOut) {
        this.timeOut = timeOut;
    }

    /** Starts (or stops) counting from the full time; {@code accessible} gives twice as long. */
    void restart(boolean counting, boolean accessible) {
        full = accessible ? 2 * SECONDS : SECONDS;
        left.set(counting ? full : OFF);
    }

    /** A touch: the full time again (if counting). */
    void touched() {
        if (left.get() != OFF) {
            left.set(full);
        }
    }

    /** "More time": another full time on top of what is left. */
    void more() {
        if (left.get() != OFF) {
            left.set(left.get() + full);
        }
    }

    void tick() {
        if (left.get() == OFF) {
            return;
        }
        if (left.get() <= 1) {
            left.set(OFF);
            timeOut.run();
        } else {
            left.set(left.get() - 1);
        }
    }

    ReadOnlyIntegerProperty left() {
        return left;
    }
}
