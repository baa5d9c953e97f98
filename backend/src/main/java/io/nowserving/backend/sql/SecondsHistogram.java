package io.nowserving.backend.sql;

import java.util.Map;
import java.util.TreeMap;

/**
 * An exact histogram of whole seconds (value → count), stored in SQL as text: {@code value:count} pairs separated
 * by single spaces, values ascending, no zero counts ({@code ""} when empty). Written by the write-behind's
 * statistics rollup, read by analytics; exact, so percentiles from it equal percentiles of the values themselves.
 * Its size is bounded by the distinct values, at most a day's seconds.
 */
public final class SecondsHistogram {
    private final TreeMap<Long, Long> counts = new TreeMap<>();

    /** Parses the stored text (null or blank: empty). */
    public static SecondsHistogram parse(String text) {
        SecondsHistogram h = new SecondsHistogram();
        h.addAll(text, 1);
        return h;
    }

    /** Adds {@code n} (negative: takes back) occurrences of {@code seconds}. */
    public void add(long seconds, long n) {
        if (n != 0) {
            counts.merge(seconds, n, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    /** Adds every pair of a stored text, each count times {@code sign}. */
    public void addAll(String text, int sign) {
        if (text == null) {
            return;
        }
        int i = 0;
        int len = text.length();
        while (i < len) {
            int colon = text.indexOf(':', i);
            int space = text.indexOf(' ', colon);
            int end = space < 0 ? len : space;
            add(Long.parseLong(text, i, colon, 10), sign * Long.parseLong(text, colon + 1, end, 10));
            i = end + 1;
        }
    }

    public void addAll(SecondsHistogram other) {
        other.counts.forEach(this::add);
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /** The number of values. */
    public long size() {
        long n = 0;
        for (long c : counts.values()) {
            n += c;
        }
        return n;
    }

    /** How many values are at most {@code bound}. */
    public long atMost(long bound) {
        long n = 0;
        for (long c : counts.headMap(bound, true).values()) {
            n += c;
        }
        return n;
    }

    /** Nearest rank: the value at rank ceil(p/100 · n), 1-based, as {@code Tally} defines it; null when empty. */
    public Long percentile(int p) {
        long size = size();
        if (size == 0) {
            return null;
        }
        long rank = Math.max((p * size + 99) / 100, 1);
        long seen = 0;
        for (Map.Entry<Long, Long> e : counts.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey();
            }
        }
        return counts.lastKey();
    }

    /** The stored text. */
    public String format() {
        StringBuilder b = new StringBuilder();
        counts.forEach((v, n) -> {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(v).append(':').append(n);
        });
        return b.toString();
    }
}
