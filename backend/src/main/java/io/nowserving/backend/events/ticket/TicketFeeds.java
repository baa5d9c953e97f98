package io.nowserving.backend.events.ticket;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.events.Feeds;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.queue.QueueService;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;

/**
 * The per-ticket feeds (a customer's phone), wired on the branch feeds: stream tokens, the ticket watchers and
 * their routes. Closed before the branch feeds.
 */
public final class TicketFeeds implements AutoCloseable {
    private final TicketFeed tickets;
    private final TicketFeedRoutes routes;

    private TicketFeeds(TicketFeed tickets, TicketFeedRoutes routes) {
        this.tickets = tickets;
        this.routes = routes;
    }

    public static TicketFeeds start(Feeds feeds, ScriptRunner feedScripts, RedisCommands<String, String> redis,
                                    RedisKeys keys, Ids ids, QueueService queue, ObjectMapper json) {
        TicketFeed tickets = new TicketFeed(feeds.live(), feedScripts, keys, json);
        return new TicketFeeds(tickets, new TicketFeedRoutes(queue, new StreamTokens(redis, keys, ids), tickets,
                feeds.writers(), feeds.stream(), json, feeds.connections(), feeds.options()));
    }

    public TicketFeedRoutes routes() {
        return routes;
    }

    @Override
    public void close() {
        tickets.close();
    }
}
