package io.nowserving.backend.line;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.queue.QueueService;
import io.nowserving.backend.redis.RedisKeys;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * LINE, wired: the signed webhook and its commands, the Messaging API client, and which LINE user holds which
 * ticket (SQL only). Off without the channel secret and access token: the webhook route answers 404 and there
 * is no API client (the notifications then send nothing to LINE).
 */
public final class Line implements AutoCloseable {
    private final LineTickets tickets;
    private final Optional<LineApi> api;
    private final LineRoutes routes;

    private Line(LineTickets tickets, Optional<LineApi> api, LineRoutes routes) {
        this.tickets = tickets;
        this.api = api;
        this.routes = routes;
    }

    /** What LINE needs of the backend's settings (the secret and the token come together or not at all). */
    public record Options(Optional<String> channelSecret, Optional<String> accessToken, String apiUrl,
                          String branch, Optional<String> publicUrl) {
    }

    public static Line start(Options options, DataSource db, QueueService queue, RedisCommands<String, String> redis,
                             RedisKeys keys, ObjectMapper json, Clock clock) {
        LineTickets tickets = new LineTickets(db);
        Optional<LineApi> api = options.accessToken().map(token -> new LineApi(options.apiUrl(), token, json));
        Optional<LineWebhook> webhook = api.map(client -> new LineWebhook(options.branch(), queue, tickets,
                new LineTokens(options.channelSecret().orElseThrow()), client, redis, keys, json, clock,
                options.publicUrl()));
        return new Line(tickets, api, new LineRoutes(options.channelSecret(), webhook, json));
    }

    public LineTickets tickets() {
        return tickets;
    }

    /** The Messaging API client, when LINE is configured. */
    public Optional<LineApi> api() {
        return api;
    }

    public LineRoutes routes() {
        return routes;
    }

    @Override
    public void close() {
        api.ifPresent(LineApi::close);
    }
}
