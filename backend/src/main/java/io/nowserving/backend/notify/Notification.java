package io.nowserving.backend.notify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message for a ticket's holder, as the outbox keeps it: no contact data (the sender looks the holder up when
 * it sends). {@code channel} is {@code line} (LINE tickets) or {@code webhook} (every other ticket, when the generic
 * webhook is configured). {@code kind} is {@code ahead} (param: people ahead), {@code called} (param: the counter's name) or
 * {@code no_show} (param: minutes of grace left); {@code retryKey} is a UUID made once, sent on every try.
 */
public record Notification(String channel, String branch, String ticketId, String kind, String number,
                           String language, String param, String retryKey) {
    public static final String LINE = "line";
    public static final String WEBHOOK = "webhook";


    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ch", channel);
        m.put("b", branch);
        m.put("t", ticketId);
        m.put("k", kind);
        m.put("n", number);
        m.put("lang", language);
        m.put("p", param);
        m.put("rk", retryKey);
        return m;
    }

    public static Notification of(Map<String, String> f) {
        return new Notification(f.getOrDefault("ch", LINE), f.get("b"), f.get("t"), f.get("k"), f.get("n"), f.get("lang"), f.getOrDefault("p", ""),
                f.get("rk"));
    }
}
