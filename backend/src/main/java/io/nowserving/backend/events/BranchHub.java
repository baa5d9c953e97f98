package io.nowserving.backend.events;

import io.nowserving.shared.api.BranchSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * One branch's feed on this instance; used only on the dispatcher thread. {@code cursor} is the last position
 * delivered to every sink, so each sink receives seq cursor+1 next, or a snapshot. A Pub/Sub message that skips
 * seqs is preceded by the skipped events read from the stream; a message of another epoch, or a stream that no
 * longer holds what is needed, makes every sink start over from a fresh snapshot. Nothing is skipped.
 */
final class BranchHub {
    private final String branch;
    private final EventStream stream;
    private final List<FeedSink> sinks = new ArrayList<>();
    private EventId cursor;
    private boolean stale = true;

    BranchHub(String branch, EventStream stream) {
        this.branch = branch;
        this.stream = stream;
    }

    boolean isEmpty() {
        return sinks.isEmpty();
    }

    void markStale() {
        stale = true;
    }

    /** A live event from Pub/Sub. */
    void offer(FeedEvent e) {
        if (stale || cursor == null || !e.epoch().equals(cursor.epoch())) {
            sync(); // the head tells whether the message is new or stale; the fill or snapshot covers it
            return;
        }
        if (e.seq() <= cursor.seq()) {
            return; // delivered already, by a fill from the stream
        }
        if (e.seq() == cursor.seq() + 1 || fill(e.seq() - 1)) {
            deliver(e);
        } else {
            reset();
        }
    }

    /** Brings every sink to the stream's head (after a reconnect, or when the hub starts). */
    void sync() {
        EventStream.Head head = stream.head(branch);
        if (cursor == null && sinks.isEmpty() && head.epoch() != null) {
            cursor = new EventId(head.epoch(), head.seq());
        } else if (cursor == null || head.epoch() == null || !head.epoch().equals(cursor.epoch())
                || head.seq() < cursor.seq() || !fill(head.seq())) {
            reset();
        }
        stale = false; // only once in step: a failure above leaves the hub to the next resync
    }

    /** A sink for live events only; when sync fails it stays, and the next resync catches it up. */
    void add(FeedSink sink) {
        try {
            sync();
        } finally {
            sinks.add(sink);
        }
        sink.added();
    }

    void remove(FeedSink sink) {
        sinks.remove(sink);
    }

    /**
     * A new SSE client with its catch-up, read by its request: the replay is continued from the stream up to what
     * the hub delivered (at most {@link CatchUp#MAX_REPLAY} more), a snapshot likewise; a client is added only once
     * caught up, and it skips any event up to its own position, so it never sees an event older than its snapshot.
     */
    void join(BranchClient c, CatchUp up) {
        sync();
        if (up.isReplay() && up.after().sameEpoch(cursor)) {
            EventId end = up.end();
            if (end.seq() >= cursor.seq()) {
                c.replay(up.events(), end);
                sinks.add(c);
                return;
            }
            if (cursor.seq() - end.seq() <= CatchUp.MAX_REPLAY) {
                List<FeedEvent> more = stream.range(branch, end.seq() + 1, cursor.seq());
                if (contiguous(more, end, cursor.seq())) {
                    List<FeedEvent> all = new ArrayList<>(up.events());
                    all.addAll(more);
                    c.replay(all, cursor);
                    sinks.add(c);
                    return;
                }
            }
        }
        BranchSnapshot snap = up.snapshot();
        BranchSnapshot s = snap != null && snap.epoch() != null && snap.epoch().equals(cursor.epoch())
                && cursor.seq() - snap.seq() <= CatchUp.MAX_REPLAY ? snap : stream.snapshot(branch);
        if (!cursor.epoch().equals(s.epoch())) {
            sinks.add(c);
            reset(s); // the epoch changed under us: every sink starts over
        } else if (s.seq() >= cursor.seq()) {
            if (fill(s.seq())) {
                c.reset(s, stream.snapshotFrame(s));
                sinks.add(c);
            } else {
                sinks.add(c);
                reset();
            }
        } else {
            // the request's snapshot is older than what the hub delivered: continue it from the stream
            List<FeedEvent> after = stream.range(branch, s.seq() + 1, cursor.seq());
            sinks.add(c);
            if (contiguous(after, new EventId(s.epoch(), s.seq()), cursor.seq())) {
                c.reset(s, stream.snapshotFrame(s));
                c.replay(after, cursor);
            } else {
                reset();
            }
        }
    }

    private boolean fill(long to) {
        if (to <= cursor.seq()) {
            return true;
        }
        List<FeedEvent> events = stream.range(branch, cursor.seq() + 1, to);
        if (!contiguous(events, cursor, to)) {
            return false;
        }
        events.forEach(this::deliver);
        return true;
    }

    private void deliver(FeedEvent e) {
        cursor = e.id();
        for (FeedSink s : List.copyOf(sinks)) {
            s.event(e);
        }
    }

    private void reset() {
        reset(stream.snapshot(branch));
    }

    private void reset(BranchSnapshot s) {
        cursor = new EventId(s.epoch(), s.seq());
        byte[] frame = stream.snapshotFrame(s);
        for (FeedSink sink : List.copyOf(sinks)) {
            sink.reset(s, frame);
        }
    }

    /** Whether {@code events} are exactly after..to, one by one, in after's epoch. */
    static boolean contiguous(List<FeedEvent> events, EventId after, long to) {
        long expect = after.seq() + 1;
        for (FeedEvent e : events) {
            if (e.seq() != expect || !e.epoch().equals(after.epoch())) {
                return false;
            }
            expect++;
        }
        return expect == to + 1;
    }
}
