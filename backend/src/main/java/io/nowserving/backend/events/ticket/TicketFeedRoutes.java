package io.nowserving.backend.events.ticket;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.nowserving.backend.events.EventStream;
import io.nowserving.backend.events.FeedConnections;
import io.nowserving.backend.events.FeedOptions;
import io.nowserving.backend.events.sse.SseConnection;
import io.nowserving.backend.events.sse.SseFrames;
import io.nowserving.backend.events.sse.SseResponse;
import io.nowserving.backend.events.sse.SseWriters;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.queue.QueueRoutes;
import io.nowserving.backend.queue.QueueService;
import io.nowserving.backend.web.AccessCheck;
import io.nowserving.backend.errors.Refusal;
import io.nowserving.shared.api.Ticket;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP in and out of the ticket feed: {@code POST …/tickets/{id}/stream-token} (with {@code X-Ticket-Token}) and
 * {@code GET …/tickets/{id}/events?st=}. A wrong ticket token and an unknown, expired or foreign stream token are
 * all 404, as for the ticket itself; the page fetches a fresh stream token after any error.
 */
public final class TicketFeedRoutes {
    private final QueueService queue;
    private final StreamTokens tokens;
    private final TicketFeed tickets;
    private final SseWriters writers;
    private final EventStream stream;
    private final ObjectMapper json;
    private final FeedConnections connections;
    private final byte[] hello;

    public TicketFeedRoutes(QueueService queue, StreamTokens tokens, TicketFeed tickets, SseWriters writers,
                            EventStream stream, ObjectMapper json, FeedConnections connections, FeedOptions options) {
        this.connections = connections;
        this.queue = queue;
        this.tokens = tokens;
        this.tickets = tickets;
        this.writers = writers;
        this.stream = stream;
        this.json = json;
        this.hello = SseFrames.retry(options.retryHint().toMillis(), "NowServing ticket feed");
    }

    public void streamToken(Context ctx) {
        String token = ctx.header(QueueRoutes.TICKET_TOKEN);
        if (token == null) {
            throw Refusal.notFound("no such ticket");
        }
        String b = ctx.pathParam("b");
        String id = ctx.pathParam("id");
        queue.read(b, id, Optional.of(token)); // the holder's check: 404 on a wrong token
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("streamToken", tokens.issue(b, id)));
    }

    public void ticketEvents(Context ctx) {
        String b = ctx.pathParam("b");
        String id = ctx.pathParam("id");
        if (!Ids.isConfigId(b) || !Ids.isUlid(id)) {
            throw Refusal.invalid("branch or ticket id malformed");
        }
        if (!tokens.valid(b, id, ctx.queryParam("st"))) {
            throw Refusal.notFound("no such ticket feed; fetch a fresh stream token");
        }
        Runnable release = connections.admit(AccessCheck.clientAddress(ctx));
        try {
            long seq = stream.head(b).seq(); // read before the ticket: its state includes every event up to here
            Ticket t = queue.read(b, id, Optional.empty());
            SseConnection connection = writers.open();
            connection.onEnd(release);
            connection.send(hello);
            TicketWatcher watcher = new TicketWatcher(connection, id, json);
            watcher.start(t, seq);
            tickets.watch(b, watcher);
            SseResponse.stream(ctx, connection);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }
}
