package io.nowserving.backend.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.ServiceConfig;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.queue.QueueService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The phone pages behind the QR codes: {@code GET /b/{b}} (take a ticket) and {@code GET /t/{b}/{id}} (follow
 * one; its token stays in the fragment, which browsers never send). Each is one HTML answer with its stylesheet,
 * script and the branch's public snapshot inside, so a phone on a weak signal shows the first screen after one
 * round trip; everything later goes through the API and its feeds. An unknown branch is a 404 page. Beside them
 * {@code GET /sw.js}, the service worker for the ticket page's notifications.
 */
public final class PageRoutes {
    private final Function<String, Optional<BranchConfig>> branches;
    private final QueueService queue;
    private final ObjectMapper json;
    private final int notifyAhead;
    private final PhonePage take = PhonePage.load("take.html", "phone.js", "take.js");
    private final PhonePage ticket = PhonePage.load("ticket.html", "phone.js", "ticket.js");
    private final PhonePage missing = PhonePage.load("missing.html");
    private final String worker = PhonePage.resource("sw.js");

    /** {@code notifyAhead}: the "your turn is near" threshold of services without their own. */
    public PageRoutes(Function<String, Optional<BranchConfig>> branches, QueueService queue, ObjectMapper json,
                      int notifyAhead) {
        this.branches = branches;
        this.queue = queue;
        this.json = json;
        this.notifyAhead = notifyAhead;
    }

    public void take(Context ctx) {
        Optional<BranchConfig> branch = branch(ctx.pathParam("b"));
        if (branch.isEmpty()) {
            notFound(ctx);
            return;
        }
        serve(ctx, take, data(branch.get(), null));
    }

    public void ticket(Context ctx) {
        String id = ctx.pathParam("id");
        Optional<BranchConfig> branch = Ids.isUlid(id) ? branch(ctx.pathParam("b")) : Optional.empty();
        if (branch.isEmpty()) {
            notFound(ctx);
            return;
        }
        // nothing of the ticket itself: without its token (in the fragment) the server may not tell it exists
        serve(ctx, ticket, data(branch.get(), id));
    }

    /**
     * {@code GET /sw.js}: the service worker the ticket page registers to show its notifications. It holds no ticket
     * data and caches nothing; {@code no-cache} so a new version reaches phones at their next visit.
     */
    public void worker(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'none'");
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("text/javascript; charset=utf-8");
        ctx.result(worker);
    }

    private Optional<BranchConfig> branch(String b) {
        return Ids.isConfigId(b) ? branches.apply(b) : Optional.empty();
    }

    private Map<String, Object> data(BranchConfig b, String ticketId) {
        Map<String, Object> grace = new LinkedHashMap<>();
        Map<String, Object> near = new LinkedHashMap<>();
        for (ServiceConfig s : b.services()) {
            grace.put(s.id(), s.noShowGraceSeconds());
            near.put(s.id(), s.notifyAheadOr(notifyAhead));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("branch", b.id());
        d.put("remote", b.remoteQueueing());
        d.put("grace", grace);
        d.put("near", near);
        if (ticketId != null) {
            d.put("ticket", ticketId);
        }
        d.put("snapshot", queue.snapshot(b.id()).publicView());
        return d;
    }

    private void serve(Context ctx, PhonePage page, Object data) {
        String body;
        try {
            body = page.render(json.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        html(ctx, page, body);
    }

    private void notFound(Context ctx) {
        ctx.status(404);
        html(ctx, missing, missing.render());
    }

    private static void html(Context ctx, PhonePage page, String body) {
        // replaces the server's general page policy with this page's own, which names its inline code by hash
        ctx.header("Content-Security-Policy", page.policy());
        // live numbers: a cached copy would show yesterday's queue
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(body);
    }
}
