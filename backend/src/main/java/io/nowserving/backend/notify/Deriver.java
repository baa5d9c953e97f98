package io.nowserving.backend.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import io.nowserving.backend.line.LineTickets;
import io.nowserving.backend.redis.RedisKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Derives notifications from one event of a branch's stream (the queue scripts know nothing of them), for LINE
 * tickets (channel {@code line}) and, with the generic webhook configured, every other ticket: {@code called} on {@code ticket.called}; {@code no_show} on
 * {@code ticket.no_show} when the service has a grace period; and {@code ahead} when a line shrinks
 * ({@code ticket.called}, {@code ticket.cancelled}, {@code ticket.reset}) for each ticket now at most N places
 * from the front that had more than N people ahead when it was issued (LINE: {@code line_tickets}; others: a mark
 * set on their {@code ticket.issued}). N is the service's own {@code notifyAhead} (mirrored as {@code ahead} in
 * its configuration hash), else the backend's {@code NOWSERVING_NOTIFY_AHEAD}; 0 means no such message. Positions
 * and N are read from Redis when the event is handled, so a late event never announces a stale position.
 */
final class Deriver {
    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final LineTickets holders;
    private final int ahead;
    private final boolean webhook;

    /** {@code ahead}: N for services without their own; {@code webhook}: other tickets go to the generic webhook. */
    Deriver(RedisCommands<String, String> redis, RedisKeys keys, LineTickets holders, int ahead, boolean webhook) {
        this.redis = redis;
        this.keys = keys;
        this.holders = holders;
        this.ahead = ahead;
        this.webhook = webhook;
    }

    List<Notification> derive(String branch, JsonNode event) {
        String type = event.path("type").asText();
        JsonNode ticket = event.path("ticket");
        boolean line = "line".equals(ticket.path("channel").asText());
        String channel = line ? Notification.LINE : webhook ? Notification.WEBHOOK : null;
        List<Notification> out = new ArrayList<>();
        String id = ticket.path("id").asText();
        String number = ticket.path("number").asText();
        String language = ticket.path("language").asText("zh-TW");
        String service = ticket.path("service").asText();
        if (channel != null && !line && type.equals("ticket.issued")
                && event.path("estimateShown").path("ahead").asInt(0) > aheadOf(branch, service)) {
            // LINE tickets keep this in line_tickets; the others are marked here for the "near" rule
            redis.set(keys.notified(branch, id, "far"), "1", SetArgs.Builder.ex(Duration.ofDays(3).toSeconds()));
        }
        if (channel != null && type.equals("ticket.called")) {
            String counter = event.path("counter").path("id").asText();
            String name = redis.hget(keys.counterConfig(branch, counter), "name");
            out.add(make(channel, branch, id, "called", number, language, name == null ? counter : name));
        }
        if (channel != null && type.equals("ticket.no_show")) {
            String grace = redis.hget(keys.serviceConfig(branch, service), "grace");
            long seconds = grace == null ? 0 : Long.parseLong(grace);
            if (seconds > 0) {
                out.add(make(channel, branch, id, "no_show", number, language, Long.toString((seconds + 59) / 60)));
            }
        }
        if (!service.isEmpty() && (type.equals("ticket.called") || type.equals("ticket.cancelled")
                || type.equals("ticket.reset"))) {
            out.addAll(near(branch, service));
        }
        return out;
    }

    /** The service's N (its own, else the global), read when needed so a configuration change counts at once. */
    private int aheadOf(String branch, String service) {
        String own = service.isEmpty() ? null : redis.hget(keys.serviceConfig(branch, service), "ahead");
        return own == null ? ahead : Integer.parseInt(own);
    }

    private List<Notification> near(String branch, String service) {
        List<Notification> out = new ArrayList<>();
        int n = aheadOf(branch, service);
        if (n == 0) {
            return out;
        }
        List<String> front = redis.zrange(keys.line(branch, service), 0, n);
        if (front.isEmpty()) {
            return out;
        }
        Map<String, LineTickets.Held> held = holders.holders(branch, front);
        for (int rank = 0; rank < front.size(); rank++) {
            String id = front.get(rank);
            LineTickets.Held h = held.get(id);
            String channel;
            if (h != null) {
                channel = h.issuedAhead() > n ? Notification.LINE : null;
            } else {
                channel = webhook && redis.exists(keys.notified(branch, id, "far")) > 0 ? Notification.WEBHOOK : null;
            }
            if (channel == null) {
                continue;
            }
            List<KeyValue<String, String>> t = redis.hmget(keys.ticket(branch, id), "number", "language");
            String number = t.get(0).getValueOrElse("");
            String language = t.get(1).getValueOrElse("zh-TW");
            out.add(make(channel, branch, id, "ahead", number, language, Integer.toString(rank)));
        }
        return out;
    }

    private static Notification make(String channel, String branch, String id, String kind, String number,
                                     String language, String param) {
        return new Notification(channel, branch, id, kind, number, language, param, UUID.randomUUID().toString());
    }
}
