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
 * round trip; everything later goes through the API and its feeds. An unknown branch is a 404 page.
 */
public final class PageRoutes {
    private final Function<String, Optional<BranchConfig>> branches;
    private final QueueService queue;
    private final ObjectMapper json;
    private final PhonePage take = PhonePage.load("take.html", "phone.js", "take.js");
    private final PhonePage ticket = PhonePage.load("ticket.html", "phone.js", "ticket.js");
    private final PhonePage missing = PhonePage.load("missing.html");

    public PageRoutes(Function<String, Optional<BranchConfig>> branches, QueueService queue, ObjectMapper json) {
        this.branches = branches;
        this.queue = queue;
        this.json = json;
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

    private Optional<BranchConfig> branch(String b) {
        return Ids.isConfigId(b) ? branches.apply(b) : Optional.empty();
    }

    private Map<String, Object> data(BranchConfig b, String ticketId) {
        Map<String, Object> grace = new LinkedHashMap<>();
        for (ServiceConfig s : b.services()) {
            grace.put(s.id(), s.noShowGraceSeconds());
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("branch", b.id());
        d.put("remote", b.remoteQueueing());
        d.put("grace", grace);
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
