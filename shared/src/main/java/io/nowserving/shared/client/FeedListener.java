package io.nowserving.shared.client;

import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.events.Event;
import java.time.Instant;

/**
 * Receives a branch feed. Calls come one at a time, in order, on the feed's reader thread: keep them short and
 * hand UI work to the UI thread. Every event is delivered once; after a {@link #onSnapshot snapshot} the events
 * continue from its seq (a snapshot arrives first, and again whenever the feed must start over: another epoch,
 * or a resume from further back than the server keeps).
 */
public interface FeedListener {
    /** The branch's whole state; replace what was shown. */
    void onSnapshot(BranchSnapshot snapshot);

    /** The next event ({@code seq} = the previous one + 1, same epoch). */
    void onEvent(Event event);

    /** The feed lost its connection at {@code since} and is reconnecting by itself. */
    default void onOffline(Instant since) {
    }

    /** The feed is connected again (after {@link #onOffline}). */
    default void onOnline() {
    }

    /** The feed gave up for good (e.g. the branch does not exist, or the token expired); it will not reconnect. */
    default void onFailure(NowServingException failure) {
    }
}
