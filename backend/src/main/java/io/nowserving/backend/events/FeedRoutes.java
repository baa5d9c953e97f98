package io.nowserving.backend.events;

import io.javalin.http.Context;
import io.nowserving.backend.events.sse.SseConnection;
import io.nowserving.backend.events.sse.SseFrames;
import io.nowserving.backend.events.sse.SseResponse;
import io.nowserving.backend.events.sse.SseWriters;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.web.AccessCheck;
import io.nowserving.backend.errors.Refusal;
import io.nowserving.backend.web.Caller;
import java.util.Optional;

/**
 * HTTP in and out of the branch feed, {@code GET /api/v1/branches/{b}/events}. The position to resume from is
 * the {@code Last-Event-ID} header (or {@code lastEventId} query parameter, for pages that open the stream
 * themselves); without a usable one, or one more than {@link CatchUp#MAX_REPLAY} events behind, the stream starts
 * with a snapshot. At most {@code NOWSERVING_FEED_CONNECTIONS_PER_ADDRESS} feeds per client address. The branch's
 * admins get the whole envelope, its clerks the staff projection (no actor ids or channels), anyone else the public
 * projection (no staff identity either); {@code ?view=public} asks for the public one.
 */
public final class FeedRoutes {
    private final LiveFeed feed;
    private final SseWriters writers;
    private final EventStream stream;
    private final FeedConnections connections;
    private final byte[] hello;

    public FeedRoutes(LiveFeed feed, SseWriters writers, EventStream stream, FeedConnections connections,
                      FeedOptions options) {
        this.feed = feed;
        this.connections = connections;
        this.writers = writers;
        this.stream = stream;
        this.hello = SseFrames.retry(options.retryHint().toMillis(), "NowServing branch feed");
    }

    public void branchEvents(Context ctx) {
        String b = ctx.pathParam("b");
        if (!Ids.isConfigId(b)) {
            throw Refusal.invalid("branch id must be 1-32 of a-z, 0-9 and '-'");
        }
        String lastHeader = ctx.header("Last-Event-ID");
        Optional<EventId> last = EventId.parse(lastHeader != null ? lastHeader : ctx.queryParam("lastEventId"));
        Caller caller = AccessCheck.caller(ctx);
        boolean asked = !"public".equals(ctx.queryParam("view"));
        BranchClient.Projection projection = asked && caller.mayAdminister(b) ? BranchClient.Projection.WHOLE
                : asked && caller.mayServe(b) ? BranchClient.Projection.STAFF : BranchClient.Projection.PUBLIC;
        Runnable release = connections.admit(AccessCheck.clientAddress(ctx));
        try {
            // read here, off the dispatcher, so that an unknown branch is a 404 and a Redis outage a 503 before
            // the stream starts, and a client far behind costs its own request a snapshot, not everyone a delay
            CatchUp up = CatchUp.read(stream, b, last);
            SseConnection connection = writers.open();
            connection.onEnd(release);
            connection.send(hello);
            feed.join(b, new BranchClient(connection, projection, stream::publicSnapshotFrame), up);
            SseResponse.stream(ctx, connection);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }
}
