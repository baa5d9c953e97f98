package io.nowserving.shared.api;

/**
 * The body of {@code PUT …/services/{s}}; {@code dailyCapacity} null means no limit; {@code notifyAhead} is how
 * many people ahead trigger the "your turn is near" message for this service (0 = never; null or absent = the
 * backend's {@code NOWSERVING_NOTIFY_AHEAD}).
 */
public record ServiceSettings(String name, String prefix, Integer dailyCapacity, Integer targetWaitSeconds,
                              Integer noShowGraceSeconds, Integer notifyAhead) {

    /** A service that follows the backend's default for the "near" message. */
    public ServiceSettings(String name, String prefix, Integer dailyCapacity, Integer targetWaitSeconds,
                           Integer noShowGraceSeconds) {
        this(name, prefix, dailyCapacity, targetWaitSeconds, noShowGraceSeconds, null);
    }
}
