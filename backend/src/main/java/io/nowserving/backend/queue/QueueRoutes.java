package io.nowserving.backend.queue;

import io.javalin.http.Context;
import io.nowserving.backend.auth.Presence;
import io.nowserving.backend.auth.RateLimits;
import io.nowserving.backend.web.AccessCheck;
import io.nowserving.backend.errors.Refusal;
import io.nowserving.backend.web.Caller;
import io.nowserving.backend.web.Idempotency;
import io.nowserving.backend.web.JsonBodies;
import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.CounterAction;
import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.api.IssueTicketRequest;
import io.nowserving.shared.api.Ticket;
import io.nowserving.shared.api.TransferRequest;
import java.util.Optional;

/** HTTP in and out for the queue: tickets, counters, the branch snapshot. Rules live in {@link QueueService}. */
public final class QueueRoutes {
    public static final String TICKET_TOKEN = "X-Ticket-Token";

    private final QueueService queue;
    private final AccessCheck access;
    private final JsonBodies bodies;
    private final Optional<String> publicUrl;
    private final RateLimits rateLimits;
    private final Presence presence;

    public QueueRoutes(QueueService queue, AccessCheck access, JsonBodies bodies, Optional<String> publicUrl,
                       RateLimits rateLimits, Presence presence) {
        this.rateLimits = rateLimits;
        this.presence = presence;
        this.queue = queue;
        this.access = access;
        this.bodies = bodies;
        this.publicUrl = publicUrl;
    }

    public void snapshot(Context ctx) {
        String b = ctx.pathParam("b");
        BranchSnapshot s = queue.snapshot(b);
        ctx.json(AccessCheck.caller(ctx).mayServe(b) ? s : s.publicView());
    }

    /**
     * A ticket: from staff of the branch (channel staff, may be priority), a kiosk of the branch (channel kiosk,
     * no presence needed) or a web customer (rate-limited; a presence token unless remote queueing is on).
     */
    public void issue(Context ctx) {
        Caller caller = AccessCheck.caller(ctx);
        String b = ctx.pathParam("b");
        boolean web = caller.isAnonymous();
        if (caller.isStaff() && !caller.mayServe(b) || !caller.isStaff() && !web
                && !caller.isDevice(Caller.Kind.KIOSK, b)) {
            throw new Refusal(ErrorCode.FORBIDDEN, "not allowed to issue tickets at this branch");
        }
        if (web) {
            rateLimits.webTicket(AccessCheck.clientAddress(ctx), caller.deviceKey());
        }
        IssueTicketRequest body = bodies.read(ctx, IssueTicketRequest.class);
        if (body.service() == null) {
            throw Refusal.invalid("field 'service' is required");
        }
        boolean priority = Boolean.TRUE.equals(body.priority());
        if (priority && !caller.isStaff()) {
            throw new Refusal(ErrorCode.FORBIDDEN, "only staff may issue priority tickets");
        }
        Optional<String> customerKey = Optional.empty();
        boolean presenceOk = !web;
        if (web) {
            boolean cookieless = caller.deviceKey().isEmpty();
            String device = access.deviceKey(ctx);
            customerKey = Optional.of(device);
            caller = caller.withDeviceKey(device);
            if (cookieless) {
                // a new device key per cookieless request would make every retry a new scope, hence a second
                // ticket: the key is scoped to the client address instead (hashed with the key, never stored)
                caller = caller.withScope("anon:" + AccessCheck.clientAddress(ctx));
            }
            presenceOk = body.presence() != null && presence.verify(b, body.presence());
        }
        QueueService.Issued issued = queue.issue(new QueueService.IssueRequest(b, body.service(), body.language(),
                priority, caller, customerKey, presenceOk, Idempotency.of(ctx, caller)));
        Ticket t = issued.ticket();
        String track = base(ctx) + "/t/" + b + "/" + t.id() + "#" + t.token();
        if (issued.status() == 201) {
            ctx.header("Location", "/api/v1/branches/" + b + "/tickets/" + t.id());
        }
        ctx.header("Cache-Control", "no-store");
        ctx.status(issued.status()).json(t.withToken(t.token(), track));
    }

    /** The holder (with the ticket token) or the branch's staff (without) read a ticket. */
    public void read(Context ctx) {
        Optional<String> token = Optional.ofNullable(ctx.header(TICKET_TOKEN));
        if (token.isEmpty() && !AccessCheck.caller(ctx).mayServe(ctx.pathParam("b"))) {
            throw Refusal.notFound("no such ticket");
        }
        ctx.header("Cache-Control", "no-store");
        ctx.json(queue.read(ctx.pathParam("b"), ctx.pathParam("id"), token));
    }

    public void cancel(Context ctx) {
        String token = ctx.header(TICKET_TOKEN);
        if (token == null) {
            throw Refusal.notFound("no such ticket");
        }
        Caller caller = AccessCheck.caller(ctx);
        queue.cancel(ctx.pathParam("b"), ctx.pathParam("id"), token, caller, Idempotency.of(ctx, caller));
        ctx.status(204);
    }

    public void callNext(Context ctx) {
        counter(ctx, queue::callNext);
    }

    public void complete(Context ctx) {
        counter(ctx, queue::complete);
    }

    public void list(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(queue.list(ctx.pathParam("b"), ctx.queryParam("status"), ctx.queryParam("service")));
    }

    /** The holder (with the ticket token), or staff and kiosks (without), bring a no-show back. */
    public void returnTicket(Context ctx) {
        Caller caller = AccessCheck.caller(ctx);
        String b = ctx.pathParam("b");
        Optional<String> token = Optional.ofNullable(ctx.header(TICKET_TOKEN));
        if (token.isEmpty() && !caller.mayServe(b) && !caller.isDevice(Caller.Kind.KIOSK, b)) {
            throw Refusal.notFound("no such ticket");
        }
        ctx.json(queue.returnTicket(b, ctx.pathParam("id"), token, caller, Idempotency.of(ctx, caller)));
    }

    public void call(Context ctx) {
        counter(ctx, (b, c, caller, idem) -> queue.call(b, c, ctx.pathParam("ticket"), caller, idem));
    }

    public void recall(Context ctx) {
        counter(ctx, queue::recall);
    }

    public void noShow(Context ctx) {
        counter(ctx, queue::noShow);
    }

    public void reopen(Context ctx) {
        counter(ctx, queue::reopen);
    }

    public void transfer(Context ctx) {
        TransferRequest body = bodies.read(ctx, TransferRequest.class);
        if (body.service() == null) {
            throw Refusal.invalid("field 'service' is required");
        }
        counter(ctx, (b, c, caller, idem) -> queue.transfer(b, c, body.service(), caller, idem));
    }

    public void signIn(Context ctx) {
        counter(ctx, (b, c, caller, idem) -> queue.sign(b, c, true, caller, idem));
    }

    public void signOut(Context ctx) {
        counter(ctx, (b, c, caller, idem) -> queue.sign(b, c, false, caller, idem));
    }

    public void open(Context ctx) {
        counterState(ctx, "open");
    }

    public void pause(Context ctx) {
        counterState(ctx, "paused");
    }

    public void close(Context ctx) {
        counterState(ctx, "closed");
    }

    private void counterState(Context ctx, String state) {
        counter(ctx, (b, c, caller, idem) -> queue.setCounterState(b, c, state, caller, idem));
    }

    /** A counter action: branch and counter from the path, the caller, the Idempotency-Key; answers its JSON. */
    private interface CounterCall {
        CounterAction apply(String branch, String counter, Caller caller, Idempotency idem);
    }

    private void counter(Context ctx, CounterCall call) {
        Caller caller = AccessCheck.caller(ctx);
        ctx.json(call.apply(ctx.pathParam("b"), ctx.pathParam("c"), caller, Idempotency.of(ctx, caller)));
    }

    private String base(Context ctx) {
        return publicUrl.orElseGet(() -> ctx.scheme() + "://" + ctx.host());
    }
}
