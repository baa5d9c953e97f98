package io.nowserving.backend.writebehind;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * One entry of a branch's event stream as the history writer handles it: the envelope exactly as stored
 * ({@code payload}, field {@code e}), its parsed form, and the private field ({@code p}: token and customer-key
 * hashes), which goes to {@code ticket_secrets} only.
 */
record StreamEvent(String branch, String streamId, String epoch, long seq, String type, long atMs, String payload,
                   JsonNode envelope, JsonNode privatePart) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses a stream entry's fields; a malformed entry is an {@link IllegalArgumentException}. */
    static StreamEvent parse(String branch, String streamId, Map<String, String> body) {
        String e = body.get("e");
        if (e == null) {
            throw new IllegalArgumentException("stream entry " + streamId + " of branch " + branch + " has no envelope");
        }
        try {
            JsonNode env = JSON.readTree(e);
            JsonNode priv = body.get("p") == null ? null : JSON.readTree(body.get("p"));
            return new StreamEvent(branch, streamId, env.path("epoch").asText(), env.path("seq").asLong(),
                    env.path("type").asText(), env.path("at").asLong(), e, env, priv);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("stream entry " + streamId + " of branch " + branch
                    + " is not JSON", ex);
        }
    }

    /** The ticket the event is about, or null. */
    String ticketId() {
        JsonNode id = envelope.path("ticket").path("id");
        return id.isTextual() ? id.asText() : null;
    }

    /** The counter the event names, or null. */
    String counterId() {
        JsonNode id = envelope.path("counter").path("id");
        return id.isTextual() ? id.asText() : null;
    }
}
