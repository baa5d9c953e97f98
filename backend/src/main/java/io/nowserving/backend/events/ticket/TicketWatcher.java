package io.nowserving.backend.events.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowserving.backend.events.FeedEvent;
import io.nowserving.backend.events.sse.SseConnection;
import io.nowserving.backend.events.sse.SseFrames;
import io.nowserving.shared.api.Ticket;
import io.nowserving.shared.events.EventType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One ticket feed: {@code state} (the ticket) first, then {@code position {ahead, estimatedWait}} when either
 * changes, {@code called {counter}} and {@code closed {status}}. Calls and closes come straight from the events;
 * positions (and any change an event did not announce) from the shared recomputation, which is ignored when it
 * read Redis before the last event this feed applied.
 */
public final class TicketWatcher {
    private final SseConnection connection;
    private final String ticketId;
    private final ObjectMapper json;
    // guarded by this
    private long appliedSeq;
    private String status;
    private String counter;
    private Ticket last;

    public TicketWatcher(SseConnection connection, String ticketId, ObjectMapper json) {
        this.connection = connection;
        this.ticketId = ticketId;
        this.json = json;
    }

    public String ticketId() {
        return ticketId;
    }

    public SseConnection connection() {
        return connection;
    }

    /** The first frame: the ticket as read when the feed opened, the branch's seq having been {@code seq} or more. */
    public synchronized void start(Ticket t, long seq) {
        appliedSeq = seq;
        state(t);
    }

    /** An event about this ticket, delivered in order. */
    synchronized void onEvent(FeedEvent e) {
        if (e.seq() <= appliedSeq) {
            return; // already in the state this feed started from
        }
        appliedSeq = e.seq();
        switch (e.type()) {
            case EventType.TICKET_CALLED, EventType.TICKET_RECALLED ->
                    called(e.envelope().path("counter").path("id").asText(null));
            case EventType.TICKET_COMPLETED -> closed("completed");
            case EventType.TICKET_NO_SHOW -> closed("no_show");
            case EventType.TICKET_CANCELLED -> closed("cancelled");
            case EventType.TICKET_RESET -> closed("reset");
            default -> {
                // returned, reopened, transferred: the recomputation that follows sends the new state
            }
        }
    }

    /** The ticket as the shared recomputation read it at branch seq {@code readSeq}. */
    synchronized void update(Ticket view, long readSeq) {
        if (readSeq < appliedSeq) {
            return; // older than an event already applied; the recomputation that event queued follows
        }
        appliedSeq = readSeq;
        switch (view.status()) {
            case "waiting" -> {
                if (!"waiting".equals(status)) {
                    state(view);
                } else if (!Objects.equals(last.ahead(), view.ahead())
                        || !Objects.equals(last.estimatedWait(), view.estimatedWait())) {
                    last = view;
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("ahead", view.ahead());
                    p.put("estimatedWait", view.estimatedWait());
                    send("position", p);
                }
            }
            case "called" -> {
                if (!"called".equals(status) || !Objects.equals(counter, view.counter())) {
                    called(view.counter());
                }
            }
            default -> {
                if (!view.status().equals(status)) {
                    closed(view.status());
                }
            }
        }
    }

    private void state(Ticket t) {
        last = t;
        status = t.status();
        counter = t.counter();
        send("state", t);
    }

    private void called(String at) {
        status = "called";
        counter = at;
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("counter", at);
        send("called", c);
    }

    private void closed(String how) {
        status = how;
        send("closed", Map.of("status", how));
    }

    private void send(String type, Object body) {
        try {
            connection.send(SseFrames.event(null, type, json.writeValueAsString(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
