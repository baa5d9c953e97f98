package io.nowserving.shared.api;

import java.util.List;
import java.util.Map;

/**
 * A branch's whole configuration, as {@code GET /api/v1/branches/{b}/config} and every configuration change answer
 * it: {@code businessDayStart} "HH:mm", {@code openingHours} per day as {@code [["08:30","17:00"]]},
 * {@code closedDays} ISO dates; {@code version} grows with every change.
 */
public record BranchConfiguration(String id, String name, String timeZone, String businessDayStart,
                                  Map<String, List<List<String>>> openingHours, List<String> closedDays,
                                  boolean remoteQueueing, long version, List<Service> services,
                                  List<Counter> counters) {

    /**
     * A service; {@code dailyCapacity} null means no limit; {@code notifyAhead} null means the backend's
     * {@code NOWSERVING_NOTIFY_AHEAD}, 0 no "your turn is near" message.
     */
    public record Service(String id, String name, String prefix, Integer dailyCapacity, int targetWaitSeconds,
                          int noShowGraceSeconds, Integer notifyAhead) {
    }

    /** A counter and the ids of the services it serves. */
    public record Counter(String id, String name, List<String> services) {
    }
}
