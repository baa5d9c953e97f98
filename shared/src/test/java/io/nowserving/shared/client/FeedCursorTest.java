package io.nowserving.shared.client;

import static io.nowserving.shared.client.FeedCursor.Decision.DELIVER;
import static io.nowserving.shared.client.FeedCursor.Decision.RESYNC;
import static io.nowserving.shared.client.FeedCursor.Decision.SKIP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeedCursorTest {

    @Test
    void eventsAreDeliveredOnceInOrderAfterTheSnapshot() {
        FeedCursor c = new FeedCursor(null);
        assertEquals(Optional.empty(), c.lastEventId());
        assertEquals(RESYNC, c.accept("ticket.issued", "ep.5"), "no event before a position is known");
        assertEquals(DELIVER, c.accept("snapshot", "ep.4"));
        assertEquals(DELIVER, c.accept("ticket.issued", "ep.5"));
        assertEquals(SKIP, c.accept("ticket.issued", "ep.5"), "never twice");
        assertEquals(SKIP, c.accept("ticket.issued", "ep.3"));
        assertEquals(RESYNC, c.accept("ticket.called", "ep.7"), "a gap: reconnect from ep.5");
        assertEquals(Optional.of("ep.5"), c.lastEventId());
        assertEquals(DELIVER, c.accept("ticket.called", "ep.6"));
    }

    @Test
    void anotherEpochNeedsItsSnapshotFirst() {
        FeedCursor c = new FeedCursor("ep.9");
        assertEquals(DELIVER, c.accept("ticket.issued", "ep.10"), "resumes from the id given");
        assertEquals(RESYNC, c.accept("ticket.issued", "new.11"), "an event of another epoch without its snapshot");
        assertEquals(SKIP, c.accept("snapshot", "ep.8"), "an older snapshot of the same epoch");
        assertEquals(DELIVER, c.accept("snapshot", "new.10"));
        assertEquals(RESYNC, c.accept("ticket.issued", "ep.11"), "the old epoch is over");
        assertEquals(DELIVER, c.accept("ticket.issued", "new.11"));
        assertEquals(RESYNC, c.accept("ticket.issued", null));
        assertEquals(RESYNC, c.accept("ticket.issued", "garbage"));
        assertEquals(Optional.of("new.11"), c.lastEventId());
    }
}
