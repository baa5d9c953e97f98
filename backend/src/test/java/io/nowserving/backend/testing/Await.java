package io.nowserving.backend.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on a condition with a deadline: the one polling loop of the tests (never a bare fixed sleep). */
public final class Await {
    private static final long POLL_MS = 20;

    private Await() {
    }

    /** Returns once {@code condition} holds; fails with {@code what} after {@code limit}. */
    public static void until(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        if (!within(limit, condition)) {
            throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting until " + what);
        }
    }

    /** Whether {@code condition} came to hold within {@code limit}. */
    public static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(POLL_MS);
        }
        return true;
    }
}
