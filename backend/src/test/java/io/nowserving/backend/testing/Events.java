package io.nowserving.backend.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.util.ArrayList;
import java.util.List;

/** Reads a branch's event stream for assertions. */
public final class Events {
    private Events() {
    }

    /** Every event of the branch's stream, in order, as JSON envelopes. */
    public static List<JsonNode> all(TestBackend backend, String branch) {
        List<JsonNode> out = new ArrayList<>();
        for (StreamMessage<String, String> m : backend.redis().xrange(backend.keys().events(branch), Range.create("-", "+"))) {
            try {
                JsonNode e = TestBackend.JSON.readTree(m.getBody().get("e"));
                if (!m.getId().equals(e.get("seq").asLong() + "-0")) {
                    throw new AssertionError("stream id " + m.getId() + " does not match seq " + e.get("seq"));
                }
                out.add(e);
            } catch (JsonProcessingException ex) {
                throw new AssertionError("malformed event " + m.getBody(), ex);
            }
        }
        return out;
    }

    public static List<JsonNode> ofType(TestBackend backend, String branch, String type) {
        return all(backend, branch).stream().filter(e -> type.equals(e.get("type").asText())).toList();
    }
}
