package io.nowserving.shared.api;

/** The body of {@code PUT …/services/{s}}; {@code dailyCapacity} null means no limit. */
public record ServiceSettings(String name, String prefix, Integer dailyCapacity, Integer targetWaitSeconds,
                              Integer noShowGraceSeconds) {
}
