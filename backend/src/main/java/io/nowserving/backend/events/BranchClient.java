package io.nowserving.backend.events;

import io.nowserving.backend.events.sse.SseConnection;
import io.nowserving.backend.events.sse.SseFrames;
import io.nowserving.shared.api.BranchSnapshot;
import java.util.List;

/** One client of a branch feed: its connection and its projection (whole envelope for staff, else public). */
final class BranchClient implements FeedSink {
    private final SseConnection connection;
    private final boolean whole;
    private EventId position; // dispatcher thread only: the last event or snapshot sent


    BranchClient(SseConnection connection, boolean whole) {
        this.connection = connection;
        this.whole = whole;
    }

    SseConnection connection() {
        return connection;
    }

    boolean gone() {
        return connection.finished().isDone();
    }

    @Override
    public void event(FeedEvent e) {
        if (position != null && e.epoch().equals(position.epoch()) && e.seq() <= position.seq()) {
            return; // covered by its catch-up already
        }
        position = e.id();
        connection.send(whole ? e.adminFrame() : e.publicFrame());
    }

    @Override
    public void reset(BranchSnapshot snapshot, byte[] frame) {
        position = new EventId(snapshot.epoch(), snapshot.seq());
        connection.send(frame);
    }

    /**
     * Events from the stream that bring the client to {@code end}, queued as one entry (a long replay never counts
     * as a slow client).
     */
    void replay(List<FeedEvent> events, EventId end) {
        position = end;
        if (!events.isEmpty()) {
            connection.send(SseFrames.concat(events.stream().map(e -> whole ? e.adminFrame() : e.publicFrame()).toList()));
        }
    }
}
