package io.nowserving.backend.events;

import io.nowserving.shared.api.BranchSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * What a new branch-feed client receives first, read by its own request thread (never the dispatcher): the events
 * after its Last-Event-ID when the stream holds them all in the current epoch and they are at most
 * {@link #MAX_REPLAY}, else a snapshot. A client far behind costs one snapshot, whatever the stream holds.
 */
record CatchUp(EventId after, List<FeedEvent> events, BranchSnapshot snapshot) {
    /** The most events a resume is sent as a replay; past it the client gets a snapshot. */
    static final int MAX_REPLAY = 1000;

    /** Reads the catch-up of a client that last saw {@code last}. */
    static CatchUp read(EventStream stream, String branch, Optional<EventId> last) {
        if (last.isPresent()) {
            EventStream.Head head = stream.head(branch);
            EventId from = last.get();
            if (head.epoch() != null && head.epoch().equals(from.epoch()) && from.seq() <= head.seq()
                    && head.seq() - from.seq() <= MAX_REPLAY) {
                List<FeedEvent> events = stream.range(branch, from.seq() + 1, head.seq());
                if (BranchHub.contiguous(events, from, head.seq())) {
                    return new CatchUp(from, events, null);
                }
            }
        }
        return new CatchUp(null, List.of(), stream.snapshot(branch));
    }

    boolean isReplay() {
        return snapshot == null;
    }

    /** The position a replay brings the client to. */
    EventId end() {
        return new EventId(after.epoch(), after.seq() + events.size());
    }
}
