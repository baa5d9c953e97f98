package io.nowserving.backend.analytics.stats;

/**
 * One row of {@code tickets} as analytics reads it: final outcome and the times of issue, last call and closing in
 * whole epoch seconds (null when not reached). {@code counter} and {@code calledBy} belong to the last call.
 */
record TicketFact(String id, String originalService, String service, String status, Long issued, Long called,
                  Long closed, String counter, String calledBy) {

    boolean closedWithin(long start, long end) {
        return closed != null && closed >= start && closed < end;
    }

    boolean issuedWithin(long start, long end) {
        return issued != null && issued >= start && issued < end;
    }

    /** Seconds from the last call to the completion, for a completed ticket; else null. */
    Long serviceSeconds() {
        return "completed".equals(status) && called != null && closed != null ? Math.max(0, closed - called) : null;
    }
}
