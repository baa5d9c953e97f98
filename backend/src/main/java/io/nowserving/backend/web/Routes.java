package io.nowserving.backend.web;

import io.javalin.Javalin;
import io.nowserving.backend.config.ConfigRoutes;
import io.nowserving.backend.events.FeedRoutes;
import io.nowserving.backend.events.ticket.TicketFeedRoutes;
import io.nowserving.backend.queue.QueueRoutes;
import io.nowserving.backend.queue.TestClock;

/** Every route of the backend, in one place, grouped by path, each with the roles the access check enforces. */
public final class Routes {
    private Routes() {
    }

    public static void register(Javalin app, MetaRoutes meta, ConfigRoutes config, QueueRoutes queue, TestClock clock,
                                FeedRoutes feed, TicketFeedRoutes ticketFeed) {
        app.get("/healthz", meta::health, Role.ANYONE);
        app.get("/readyz", meta::ready, Role.ANYONE);
        app.get("/api/v1/version", meta::version, Role.ANYONE);

        app.get("/api/v1/branches", config::list, Role.ANYONE);
        app.get("/api/v1/branches/{b}", queue::snapshot, Role.ANYONE);

        app.post("/api/v1/branches/{b}/tickets", queue::issue, Role.ANYONE);
        app.get("/api/v1/branches/{b}/tickets/{id}", queue::read, Role.ANYONE);
        app.delete("/api/v1/branches/{b}/tickets/{id}", queue::cancel, Role.ANYONE);

        // live feeds (SSE); staff see whole envelopes on the branch feed, anyone else the public projection
        app.get("/api/v1/branches/{b}/events", feed::branchEvents, Role.ANYONE);
        app.post("/api/v1/branches/{b}/tickets/{id}/stream-token", ticketFeed::streamToken, Role.ANYONE);
        app.get("/api/v1/branches/{b}/tickets/{id}/events", ticketFeed::ticketEvents, Role.ANYONE);

        app.post("/api/v1/branches/{b}/counters/{c}/call-next", queue::callNext, Role.STAFF);
        app.post("/api/v1/branches/{b}/counters/{c}/complete", queue::complete, Role.STAFF);
        app.post("/api/v1/branches/{b}/counters/{c}/open", queue::open, Role.STAFF);
        app.post("/api/v1/branches/{b}/counters/{c}/pause", queue::pause, Role.STAFF);
        app.post("/api/v1/branches/{b}/counters/{c}/close", queue::close, Role.STAFF);

        app.put("/api/v1/test/branches/{b}/clock", clock::put, Role.TEST);
    }
}
