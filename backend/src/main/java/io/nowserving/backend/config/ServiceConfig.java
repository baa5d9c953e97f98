package io.nowserving.backend.config;

import java.util.regex.Pattern;

/**
 * A service of a branch: its tickets are numbered {@code prefix} + a daily counter ({@code A001}).
 *
 * @param dailyCapacity tickets issued per business day at most; {@code null} for no limit
 */
public record ServiceConfig(String id, String name, String prefix, Integer dailyCapacity, int targetWaitSeconds,
        int noShowGraceSeconds) {

    private static final Pattern PREFIX = Pattern.compile("[A-Z]{1,3}");

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
    }
}
