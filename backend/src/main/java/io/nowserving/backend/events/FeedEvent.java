package io.nowserving.backend.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nowserving.backend.events.sse.SseFrames;

/**
 * One event of a branch as the feeds send it: parsed once, its SSE frame built once per projection and shared
 * by every client. {@code adminFrame} carries the whole envelope as the stream holds it in field {@code e}
 * (the private field {@code p} is never read); {@code staffFrame} (the branch's clerks) drops the actor's id and
 * the ticket's channel; {@code publicFrame} (anyone else) drops the counter's clerk too: no staff identity.
 */
public record FeedEvent(String epoch, long seq, String type, JsonNode envelope, byte[] adminFrame,
                        byte[] staffFrame, byte[] publicFrame) {

    public EventId id() {
        return new EventId(epoch, seq);
    }

    /** The id of the ticket the event is about, or null. */
    public String ticketId() {
        return envelope.path("ticket").path("id").asText(null);
    }

    /** Parses an envelope (stream field {@code e} or a Pub/Sub message). */
    public static FeedEvent parse(ObjectMapper json, String envelopeJson) {
        try {
            JsonNode e = json.readTree(envelopeJson);
            String epoch = e.path("epoch").asText(null);
            if (epoch == null || !e.path("seq").canConvertToLong()) {
                throw new IllegalArgumentException("an event without epoch or seq");
            }
            long seq = e.get("seq").asLong();
            String type = e.path("type").asText();
            String id = epoch + "." + seq;
            JsonNode staff = staffProjection(e);
            return new FeedEvent(epoch, seq, type, e, SseFrames.event(id, type, envelopeJson),
                    SseFrames.event(id, type, json.writeValueAsString(staff)),
                    SseFrames.event(id, type, json.writeValueAsString(publicProjection(staff))));
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("a malformed event envelope", ex);
        }
    }

    /** The envelope as the branch's clerks see it: no actor id, no channel (DESIGN.md "Events"). */
    static JsonNode staffProjection(JsonNode envelope) {
        ObjectNode copy = envelope.deepCopy();
        if (copy.get("actor") instanceof ObjectNode actor) {
            actor.remove("id");
        }
        if (copy.get("ticket") instanceof ObjectNode ticket) {
            ticket.remove("channel");
        }
        return copy;
    }

    /** The envelope as anyone may see it: the staff projection without the counter's clerk. */
    static JsonNode publicProjection(JsonNode envelope) {
        ObjectNode copy = (ObjectNode) staffProjection(envelope);
        if (copy.get("counter") instanceof ObjectNode counter) {
            counter.remove("clerk");
        }
        return copy;
    }
}
