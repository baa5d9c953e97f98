package io.nowserving.backend.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds and their percentiles. */
final class Latencies {
    private long[] samples = new long[1024];
    private int n;

    void add(long nanos) {
        if (n == samples.length) {
            samples = Arrays.copyOf(samples, n * 2);
        }
        samples[n++] = nanos;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.n; i++) {
            add(other.samples[i]);
        }
    }

    int count() {
        return n;
    }

    /** The {@code p}-th percentile (0..100) in milliseconds. */
    double percentileMs(double p) {
        if (n == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        int i = (int) Math.min(n - 1, Math.max(0, Math.ceil(p / 100.0 * n) - 1));
        return sorted[i] / 1e6;
    }
}
