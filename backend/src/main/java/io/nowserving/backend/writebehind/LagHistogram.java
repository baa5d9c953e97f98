package io.nowserving.backend.writebehind;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Write-behind lag (commit time minus the event's Redis time), in whole milliseconds up to a minute, the last
 * bucket holding everything slower. Lock-free; {@link #reset()} starts a new measuring window.
 */
public final class LagHistogram {
    private static final int BUCKETS = 60_001;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void record(long lagMs) {
        counts.incrementAndGet((int) Math.max(0, Math.min(BUCKETS - 1, lagMs)));
    }

    public long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** The q-quantile (0 < q ≤ 1) in ms, or -1 when nothing was recorded. */
    public long quantile(double q) {
        long total = count();
        if (total == 0) {
            return -1;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return i;
            }
        }
        return BUCKETS - 1;
    }

    public void reset() {
        for (int i = 0; i < BUCKETS; i++) {
            counts.set(i, 0);
        }
    }
}
