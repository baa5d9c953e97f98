package io.nowserving.backend.writebehind;

import java.util.Map;

/**
 * A rotated ticket-token hash from the private side stream {@code <prefix>{b}:tokens} (entry id {@code ms-n},
 * fields {@code t} ticket id and {@code h} token hash). Rotations of one ticket apply in stream-id order.
 */
record TokenRotation(String branch, String streamId, long ms, long n, String ticketId, String tokenHash) {

    static TokenRotation parse(String branch, String streamId, Map<String, String> body) {
        int dash = streamId.indexOf('-');
        return new TokenRotation(branch, streamId, Long.parseLong(streamId.substring(0, dash)),
                Long.parseLong(streamId.substring(dash + 1)), body.get("t"), body.get("h"));
    }

    /** Whether this rotation is newer than the one recorded as {@code (ms, n)} (null: the hash given at issue). */
    boolean isNewerThan(Long storedMs, Long storedN) {
        if (storedMs == null) {
            return true;
        }
        return ms != storedMs ? ms > storedMs : n > storedN;
    }
}
