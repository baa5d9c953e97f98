package io.nowserving.backend;

import io.javalin.Javalin;
import io.nowserving.backend.analytics.TicketHistoryRoutes;
import io.nowserving.backend.analytics.stats.StatsRoutes;
import io.nowserving.backend.auth.AuthRoutes;
import io.nowserving.backend.config.ConfigRoutes;
import io.nowserving.backend.events.FeedRoutes;
import io.nowserving.backend.events.ticket.TicketFeedRoutes;
import io.nowserving.backend.pages.PageRoutes;
import io.nowserving.backend.line.LineRoutes;
import io.nowserving.backend.notify.NotifyRoutes;
import io.nowserving.backend.queue.QueueRoutes;
import io.nowserving.backend.queue.TestClock;
import io.nowserving.backend.web.ApiDocument;
import io.nowserving.backend.web.HttpServer;
import io.nowserving.backend.web.MetaRoutes;
import io.nowserving.backend.web.Metrics;
import io.nowserving.backend.web.Replays;
import io.nowserving.backend.web.Role;

/** Every route of the backend, in one place, grouped by path, each with the roles the access check enforces. */
public final class Routes {
    private Routes() {
    }

    /** {@code once} gives the routes whose work is not one script their Idempotency-Key (queue scripts do it inside). */
    public static void register(Javalin app, Replays once, MetaRoutes meta, Metrics metrics, AuthRoutes auth,
                                ConfigRoutes config, QueueRoutes queue, TestClock clock, FeedRoutes feed,
                                TicketFeedRoutes ticketFeed, TicketHistoryRoutes history, StatsRoutes stats,
                                PageRoutes pages, LineRoutes line, NotifyRoutes notify,
                                java.util.function.Supplier<java.util.List<HttpServer.RouteInfo>> table) {
        app.get("/healthz", meta::health, Role.ANYONE);
        app.get("/readyz", meta::ready, Role.ANYONE);
        app.get("/metrics", metrics::serve, Role.METRICS);
        app.get("/api/v1/version", meta::version, Role.ANYONE);
        app.get("/api/v1/openapi.json", new ApiDocument(table)::serve, Role.ANYONE);

        app.post("/api/v1/auth/login", auth::login, Role.ANYONE);
        app.post("/api/v1/auth/logout", auth::logout, Role.SIGNED_IN);
        app.post("/api/v1/auth/password", auth::changePassword, Role.SIGNED_IN);

        app.get("/api/v1/users", auth::listUsers, Role.OWNER);
        app.post("/api/v1/users/{u}", once.of(auth::createUser), Role.OWNER);
        app.patch("/api/v1/users/{u}", auth::updateUser, Role.OWNER);
        app.delete("/api/v1/users/{u}", once.of(auth::deleteUser), Role.OWNER);

        app.get("/api/v1/branches", config::list, Role.ANYONE);
        app.get("/api/v1/branches/{b}", queue::snapshot, Role.ANYONE);
        app.put("/api/v1/branches/{b}", config::putBranch, Role.OWNER);
        app.delete("/api/v1/branches/{b}", once.of(config::deleteBranch), Role.OWNER);
        app.get("/api/v1/branches/{b}/config", config::get, Role.ADMIN);
        app.put("/api/v1/branches/{b}/services/{s}", config::putService, Role.ADMIN);
        app.delete("/api/v1/branches/{b}/services/{s}", once.of(config::deleteService), Role.ADMIN);
        app.put("/api/v1/branches/{b}/counters/{c}", config::putCounter, Role.ADMIN);
        app.delete("/api/v1/branches/{b}/counters/{c}", once.of(config::deleteCounter), Role.ADMIN);
        app.get("/api/v1/branches/{b}/presence", auth::presence, Role.DISPLAY, Role.KIOSK);
        app.get("/api/v1/branches/{b}/devices", auth::listDevices, Role.ADMIN);
        app.post("/api/v1/branches/{b}/devices", once.of(auth::createDevice, auth.deviceToken()), Role.ADMIN);
        app.delete("/api/v1/branches/{b}/devices/{d}", once.of(auth::deleteDevice), Role.ADMIN);

        app.get("/api/v1/branches/{b}/history", history::page, Role.ADMIN);
        app.get("/api/v1/branches/{b}/history.csv", history::csv, Role.ADMIN);

        // who may do what on the ticket routes also depends on the ticket token and the device (see QueueRoutes)
        app.post("/api/v1/branches/{b}/tickets", queue::issue, Role.ANYONE);
        app.get("/api/v1/branches/{b}/tickets", queue::list, Role.CLERK);
        app.get("/api/v1/branches/{b}/tickets/{id}", queue::read, Role.ANYONE);
        app.delete("/api/v1/branches/{b}/tickets/{id}", queue::cancel, Role.ANYONE);
        app.post("/api/v1/branches/{b}/tickets/{id}/return", queue::returnTicket, Role.ANYONE);

        // live feeds (SSE); staff see whole envelopes on the branch feed, anyone else the public projection
        app.get("/api/v1/branches/{b}/events", feed::branchEvents, Role.ANYONE);
        app.post("/api/v1/branches/{b}/tickets/{id}/stream-token", ticketFeed::streamToken, Role.ANYONE);
        app.get("/api/v1/branches/{b}/tickets/{id}/events", ticketFeed::ticketEvents, Role.ANYONE);

        app.post("/api/v1/branches/{b}/counters/{c}/call-next", queue::callNext, Role.CLERK);
        app.post("/api/v1/branches/{b}/counters/{c}/call/{ticket}", queue::call, Role.CLERK);
        app.post("/api/v1/branches/{b}/counters/{c}/recall", queue::recall, Role.CLERK);
        app.post("/api/v1/branches/{b}/counters/{c}/complete", queue::complete, Role.CLERK);
        app.post("/api/v1/branches/{b}/counters/{c}/no-show", queue::noShow, Role.CLERK);
        app.post("/api/v1/branches/{b}/counters/{c}/reopen", queue::reopen, Role.CLERK);
        app.post("/api/v1/branches/{b}/counters/{c}/transfer", queue::transfer, Role.CLERK);
        app.post("/api/v1/branches/{b}/counters/{c}/sign-in", queue::signIn, Role.CLERK);
        app.post("/api/v1/branches/{b}/counters/{c}/sign-out", queue::signOut, Role.CLERK);
        app.post("/api/v1/branches/{b}/counters/{c}/open", queue::open, Role.CLERK);
        app.post("/api/v1/branches/{b}/counters/{c}/pause", queue::pause, Role.CLERK);
        app.post("/api/v1/branches/{b}/counters/{c}/close", queue::close, Role.CLERK);

        // analytics, from SQL; each answer says how far its data reaches (dataThrough)
        app.get("/api/v1/branches/{b}/stats/hourly", stats::hourly, Role.ADMIN);
        app.get("/api/v1/branches/{b}/stats/summary", stats::summary, Role.ADMIN);
        app.get("/api/v1/branches/{b}/stats/heatmap", stats::heatmap, Role.ADMIN);

        // LINE official account: signed by LINE (X-Line-Signature), 404 unless configured
        app.post("/line/webhook", line::webhook, Role.ANYONE);
        // notifications: one outbox for every branch, hence owners
        app.get("/api/v1/notifications", notify::status, Role.OWNER);
        app.get("/api/v1/notifications/dead-letters", notify::deadLetters, Role.OWNER);
        app.post("/api/v1/notifications/dead-letters/{id}/replay", once.of(notify::replay), Role.OWNER);
        app.post("/api/v1/notifications/pause", notify::pause, Role.OWNER);
        app.post("/api/v1/notifications/resume", notify::resume, Role.OWNER);

        app.put("/api/v1/test/branches/{b}/clock", clock::put, Role.TEST);

        // the phone pages behind the QR codes (HTML; the ticket token stays in the fragment)
        app.get("/b/{b}", pages::take, Role.ANYONE);
        app.get("/t/{b}/{id}", pages::ticket, Role.ANYONE);
        app.get("/sw.js", pages::worker, Role.ANYONE); // at the root: a worker's scope is its folder and below
    }
}
