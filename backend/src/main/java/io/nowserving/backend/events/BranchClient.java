package io.nowserving.backend.events;

import io.nowserving.backend.events.sse.SseConnection;
import io.nowserving.backend.events.sse.SseFrames;
import io.nowserving.shared.api.BranchSnapshot;
import java.util.List;
import java.util.function.Function;

/**
 * One client of a branch feed: its connection and its projection (whole envelope for the branch's admins, the
 * staff projection for its clerks, else the public one, which names no staff).
 */
final class BranchClient implements FeedSink {
    /** What a client may see of each event and snapshot. */
    enum Projection {
        WHOLE, STAFF, PUBLIC
    }

    private final SseConnection connection;
    private final Projection projection;
    private final Function<BranchSnapshot, byte[]> publicSnapshotFrame;
    private EventId position; // dispatcher thread only: the last event or snapshot sent

    /** {@code publicSnapshotFrame} makes the frame of a snapshot without staff identity, for public clients. */
    BranchClient(SseConnection connection, Projection projection, Function<BranchSnapshot, byte[]> publicSnapshotFrame) {
        this.connection = connection;
        this.projection = projection;
        this.publicSnapshotFrame = publicSnapshotFrame;
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
        connection.send(frame(e));
    }

    @Override
    public void reset(BranchSnapshot snapshot, byte[] frame) {
        position = new EventId(snapshot.epoch(), snapshot.seq());
        connection.send(projection == Projection.PUBLIC ? publicSnapshotFrame.apply(snapshot) : frame);
    }

    /**
     * Events from the stream that bring the client to {@code end}, queued as one entry (a long replay never counts
     * as a slow client).
     */
    void replay(List<FeedEvent> events, EventId end) {
        position = end;
        if (!events.isEmpty()) {
            connection.send(SseFrames.concat(events.stream().map(this::frame).toList()));
        }
    }

    private byte[] frame(FeedEvent e) {
        return switch (projection) {
            case WHOLE -> e.adminFrame();
            case STAFF -> e.staffFrame();
            case PUBLIC -> e.publicFrame();
        };
    }
}
