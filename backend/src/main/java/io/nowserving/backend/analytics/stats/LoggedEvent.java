package io.nowserving.backend.analytics.stats;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of one stored event that analytics replays, times truncated to whole seconds (every duration the
 * analytics answer is a difference of whole seconds). Null where the type has no such field.
 */
record LoggedEvent(long seq, String type, long at, String ticket, String service, long queuedAt, Integer estimateMin,
                   Integer estimateMax, String counter, String counterState, String actor) {

    static LoggedEvent of(long seq, String type, long atMs, JsonNode envelope) {
        JsonNode t = envelope.path("ticket");
        JsonNode c = envelope.path("counter");
        JsonNode est = envelope.path("estimateShown");
        return new LoggedEvent(seq, type, seconds(atMs), text(t, "id"), text(t, "service"),
                seconds(t.path("queuedAt").asLong(atMs)), integer(est, "minSeconds"), integer(est, "maxSeconds"),
                text(c, "id"), text(c, "state"), text(envelope.path("actor"), "id"));
    }

    static long seconds(long epochMs) {
        return Math.floorDiv(epochMs, 1000);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asInt();
    }
}
