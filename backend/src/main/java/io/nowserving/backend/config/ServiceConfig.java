package io.nowserving.backend.config;

import java.util.regex.Pattern;

/**
 * A service of a branch: its tickets are numbered {@code prefix} + a daily counter ({@code A001}).
 *
 * @param dailyCapacity tickets issued per business day at most; {@code null} for no limit
 * @param notifyAhead how many people ahead trigger the "your turn is near" message, 0 for none;
 *                    {@code null} for the backend's {@code NOWSERVING_NOTIFY_AHEAD}
 */
public record ServiceConfig(String id, String name, String prefix, Integer dailyCapacity, int targetWaitSeconds,
        int noShowGraceSeconds, Integer notifyAhead) {

    /** The most people ahead a "near" message may wait for (the same bound as NOWSERVING_NOTIFY_AHEAD). */
    public static final int NOTIFY_AHEAD_MAX = 100;

    private static final Pattern PREFIX = Pattern.compile("[A-Z]{1,3}");

    /** A service following the backend's default for the "near" message. */
    public ServiceConfig(String id, String name, String prefix, Integer dailyCapacity, int targetWaitSeconds,
            int noShowGraceSeconds) {
        this(id, name, prefix, dailyCapacity, targetWaitSeconds, noShowGraceSeconds, null);
    }

    public ServiceConfig {
        Rules.id("id", id);
        Rules.name("name", name);
        Rules.required("prefix", prefix);
        if (!PREFIX.matcher(prefix).matches()) {
            throw new ConfigValidationException("prefix", "must be 1 to 3 capital letters A-Z, was '"
                    + Rules.shorten(prefix) + "'");
        }
        if (dailyCapacity != null) {
            Rules.atLeast("dailyCapacity", dailyCapacity, 1);
        }
        Rules.atLeast("targetWaitSeconds", targetWaitSeconds, 0);
        Rules.atLeast("noShowGraceSeconds", noShowGraceSeconds, 0);
        if (notifyAhead != null && (notifyAhead < 0 || notifyAhead > NOTIFY_AHEAD_MAX)) {
            throw new ConfigValidationException("notifyAhead", "must be 0 (no message) to " + NOTIFY_AHEAD_MAX
                    + " people ahead, or left out for the backend's default; was " + notifyAhead);
        }
    }

    /** The people ahead that trigger this service's "near" message, {@code fallback} (the global) when unset. */
    public int notifyAheadOr(int fallback) {
        return notifyAhead == null ? fallback : notifyAhead;
    }
}
