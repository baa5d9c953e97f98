package io.nowserving.backend.notify;

import io.javalin.http.Context;
import io.lettuce.core.StreamMessage;
import io.nowserving.backend.errors.Refusal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin API of the notifications (owners: the outbox serves every branch): state and counters, the dead
 * letters, replaying one, pausing and resuming sending.
 */
public final class NotifyRoutes {
    private final Notifications notifications;

    public NotifyRoutes(Notifications notifications) {
        this.notifications = notifications;
    }

    /** {@code GET /api/v1/notifications}. */
    public void status(Context ctx) {
        ctx.json(status());
    }

    private Map<String, Object> status() {
        Outbox o = notifications.outbox();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("running", notifications.running());
        m.put("paused", o.paused());
        m.put("outbox", o.length());
        m.put("deadLetters", o.deadCount());
        m.put("linePushPerSecond", notifications.linePerSecond());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String k : List.of("queued", "sent", "failed", "dead", "replayed", "noRecipient")) {
            counts.put(k, Long.parseLong(o.counts().getOrDefault(k, "0")));
        }
        m.put("counts", counts);
        return m;
    }

    /** {@code GET /api/v1/notifications/dead-letters?limit=}: newest first, at most 500. */
    public void deadLetters(Context ctx) {
        int limit = 100;
        String l = ctx.queryParam("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 500) {
                throw Refusal.invalid("limit must be 1..500");
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (StreamMessage<String, String> m : notifications.outbox().deadLetters(limit)) {
            Map<String, String> f = m.getBody();
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", m.getId());
            item.put("channel", f.get("ch"));
            item.put("branch", f.get("b"));
            item.put("ticket", f.get("t"));
            item.put("number", f.get("n"));
            item.put("kind", f.get("k"));
            item.put("why", f.get("why"));
            item.put("attempts", Integer.parseInt(f.getOrDefault("attempts", "0")));
            out.add(item);
        }
        ctx.json(out);
    }

    /** {@code POST /api/v1/notifications/dead-letters/{id}/replay}: back into the outbox, same retry key. */
    public void replay(Context ctx) {
        String id = ctx.pathParam("id");
        if (!id.matches("\\d{1,20}-\\d{1,20}")) {
            throw Refusal.invalid("a dead letter id looks like 1700000000000-0");
        }
        if (!notifications.outbox().replay(id)) {
            throw Refusal.notFound("no such dead letter");
        }
        ctx.json(status());
    }

    /** {@code POST /api/v1/notifications/pause}. */
    public void pause(Context ctx) {
        notifications.outbox().pause(true);
        ctx.json(status());
    }

    /** {@code POST /api/v1/notifications/resume}. */
    public void resume(Context ctx) {
        notifications.outbox().pause(false);
        ctx.json(status());
    }
}
