package io.nowserving.backend.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.KeyValue;
import io.nowserving.backend.line.LineTickets;
import io.nowserving.backend.redis.RedisKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Derives notifications from one event of a branch's stream (the queue scripts know nothing of them). LINE
 * tickets only (channel {@code line}): {@code called} on {@code ticket.called}; {@code no_show} on
 * {@code ticket.no_show} when the service has a grace period; and {@code ahead} when a line shrinks
 * ({@code ticket.called}, {@code ticket.cancelled}, {@code ticket.reset}) for each LINE ticket now at most
 * {@code ahead} places from the front that had more people ahead when it was issued. Positions are read from
 * Redis when the event is handled, so a late event never announces a stale position.
 */
final class Deriver {
    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final LineTickets holders;
    private final int ahead;

    Deriver(RedisCommands<String, String> redis, RedisKeys keys, LineTickets holders, int ahead) {
        this.redis = redis;
        this.keys = keys;
        this.holders = holders;
        this.ahead = ahead;
    }

    List<Notification> derive(String branch, JsonNode event) {
        String type = event.path("type").asText();
        JsonNode ticket = event.path("ticket");
        boolean line = "line".equals(ticket.path("channel").asText());
        List<Notification> out = new ArrayList<>();
        String id = ticket.path("id").asText();
        String number = ticket.path("number").asText();
        String language = ticket.path("language").asText("zh-TW");
        String service = ticket.path("service").asText();
        if (line && type.equals("ticket.called")) {
            String counter = event.path("counter").path("id").asText();
            String name = redis.hget(keys.counterConfig(branch, counter), "name");
            out.add(make(branch, id, "called", number, language, name == null ? counter : name));
        }
        if (line && type.equals("ticket.no_show")) {
            String grace = redis.hget(keys.serviceConfig(branch, service), "grace");
            long seconds = grace == null ? 0 : Long.parseLong(grace);
            if (seconds > 0) {
                out.add(make(branch, id, "no_show", number, language, Long.toString((seconds + 59) / 60)));
            }
        }
        if (!service.isEmpty() && (type.equals("ticket.called") || type.equals("ticket.cancelled")
                || type.equals("ticket.reset"))) {
            out.addAll(near(branch, service));
        }
        return out;
    }

    private List<Notification> near(String branch, String service) {
        List<String> front = redis.zrange(keys.line(branch, service), 0, ahead);
        List<Notification> out = new ArrayList<>();
        if (front.isEmpty()) {
            return out;
        }
        Map<String, LineTickets.Held> held = holders.holders(branch, front);
        for (int rank = 0; rank < front.size(); rank++) {
            LineTickets.Held h = held.get(front.get(rank));
            if (h == null || h.issuedAhead() <= ahead) {
                continue;
            }
            List<KeyValue<String, String>> t = redis.hmget(keys.ticket(branch, h.ticketId()), "number", "language");
            String number = t.get(0).getValueOrElse("");
            String language = t.get(1).getValueOrElse("zh-TW");
            out.add(make(branch, h.ticketId(), "ahead", number, language, Integer.toString(rank)));
        }
        return out;
    }

    private static Notification make(String branch, String id, String kind, String number, String language,
                                     String param) {
        return new Notification(branch, id, kind, number, language, param, UUID.randomUUID().toString());
    }
}
