package io.nowserving.backend.web;

import io.javalin.Javalin;
import io.nowserving.backend.config.ConfigRoutes;
import io.nowserving.backend.queue.QueueRoutes;
import io.nowserving.backend.queue.TestClock;

/** Every route of the backend, in one place, grouped by path, each with the roles the access check enforces. */
public final class Routes {
    private Routes() {
    }

    public static void register(Javalin app, MetaRoutes meta, ConfigRoutes config, QueueRoutes queue, TestClock clock) {
        app.get("/healthz", meta::health, Role.ANYONE);
        app.get("/readyz", meta::ready, Role.ANYONE);
        app.get("/api/v1/version", meta::version, Role.ANYONE);

        app.get("/api/v1/branches", config::list, Role.ANYONE);
        app.get("/api/v1/branches/{b}", queue::snapshot, Role.ANYONE);
        app.put("/api/v1/branches/{b}", config::putBranch, Role.STAFF);
        app.get("/api/v1/branches/{b}/config", config::get, Role.STAFF);
        app.put("/api/v1/branches/{b}/services/{s}", config::putService, Role.STAFF);
        app.delete("/api/v1/branches/{b}/services/{s}", config::deleteService, Role.STAFF);
        app.put("/api/v1/branches/{b}/counters/{c}", config::putCounter, Role.STAFF);
        app.delete("/api/v1/branches/{b}/counters/{c}", config::deleteCounter, Role.STAFF);

        app.post("/api/v1/branches/{b}/tickets", queue::issue, Role.ANYONE);
        app.get("/api/v1/branches/{b}/tickets", queue::list, Role.STAFF);
        app.get("/api/v1/branches/{b}/tickets/{id}", queue::read, Role.ANYONE);
        app.delete("/api/v1/branches/{b}/tickets/{id}", queue::cancel, Role.ANYONE);
        app.post("/api/v1/branches/{b}/tickets/{id}/return", queue::returnTicket, Role.ANYONE);

        app.post("/api/v1/branches/{b}/counters/{c}/call-next", queue::callNext, Role.STAFF);
        app.post("/api/v1/branches/{b}/counters/{c}/call/{ticket}", queue::call, Role.STAFF);
        app.post("/api/v1/branches/{b}/counters/{c}/recall", queue::recall, Role.STAFF);
        app.post("/api/v1/branches/{b}/counters/{c}/complete", queue::complete, Role.STAFF);
        app.post("/api/v1/branches/{b}/counters/{c}/no-show", queue::noShow, Role.STAFF);
        app.post("/api/v1/branches/{b}/counters/{c}/reopen", queue::reopen, Role.STAFF);
        app.post("/api/v1/branches/{b}/counters/{c}/transfer", queue::transfer, Role.STAFF);
        app.post("/api/v1/branches/{b}/counters/{c}/sign-in", queue::signIn, Role.STAFF);
        app.post("/api/v1/branches/{b}/counters/{c}/sign-out", queue::signOut, Role.STAFF);
        app.post("/api/v1/branches/{b}/counters/{c}/open", queue::open, Role.STAFF);
        app.post("/api/v1/branches/{b}/counters/{c}/pause", queue::pause, Role.STAFF);
        app.post("/api/v1/branches/{b}/counters/{c}/close", queue::close, Role.STAFF);

        app.put("/api/v1/test/branches/{b}/clock", clock::put, Role.TEST);
    }
}
