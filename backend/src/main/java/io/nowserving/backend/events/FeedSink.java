package io.nowserving.backend.events;

import io.nowserving.shared.api.BranchSnapshot;

/** Something a branch's hub delivers to, on the dispatcher thread, in order: never blocks. */
public interface FeedSink {
    /** The next event of the branch (seq = the previous one + 1, same epoch). */
    void event(FeedEvent e);

    /** The branch starts over from this snapshot (another epoch, or events no longer in the stream). */
    void reset(BranchSnapshot snapshot, byte[] frame);

    /** The sink now receives every event: whatever happened before is for it to read. */
    default void added() {
    }
}
