package io.nowserving.backend.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import io.nowserving.shared.events.Event;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventEnvelopeTest {

    @Test
    void eventsCarryTheEnvelopeAndKeepHashesInTheirPrivateField(@TempDir Path dir) throws Exception {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("ev", 1, null))) {
            TestBackend.Reply t = backend.issue("ev", "a");
            String cookie = t.header("Set-Cookie").split(";")[0];
            backend.counter("ev", "1", "open");
            backend.counter("ev", "1", "call-next");
            List<StreamMessage<String, String>> stream = backend.redis().xrange(backend.keys().events("ev"),
                    Range.create("-", "+"));
            // config.changed, ticket.issued, counter.changed, ticket.called
            assertEquals(4, stream.size());
            StreamMessage<String, String> issued = stream.get(1);
            Event e = TestBackend.JSON.readValue(issued.getBody().get("e"), Event.class);
            assertEquals(1, e.v());
            assertEquals(2, e.seq());
            assertEquals("2-0", issued.getId());
            assertEquals("ticket.issued", e.type());
            assertEquals("customer", e.actor().kind());
            assertEquals(null, e.actor().id());
            assertEquals(t.body().get("id").asText(), e.ticket().id());
            assertEquals("A001", e.ticket().number());
            assertEquals("web", e.ticket().channel());
            assertEquals("zh-TW", e.ticket().language());
            assertTrue(e.at() > 1_700_000_000_000L && e.ticket().queuedAt() == e.at());
            assertEquals(0, e.estimateShown().ahead());
            assertFalse(issued.getBody().get("e").contains("Hash"), "no hash in the public envelope");
            JsonNode priv = TestBackend.JSON.readTree(issued.getBody().get("p"));
            assertEquals(Ids.sha256(t.body().get("token").asText()), priv.get("tokenHash").asText());
            assertEquals(Ids.sha256("web:" + cookie.substring(cookie.indexOf('=') + 1)),
                    priv.get("customerKeyHash").asText());
            Event called = TestBackend.JSON.readValue(stream.get(3).getBody().get("e"), Event.class);
            assertEquals("clerk", called.actor().kind());
            assertEquals(backend.clerkId(), called.actor().id());
            assertEquals("1", called.counter().id());
            assertEquals("open", called.counter().state());
            assertEquals(e.epoch(), called.epoch());
        }
    }
}
