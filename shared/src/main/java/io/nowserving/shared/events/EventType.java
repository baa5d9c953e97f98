package io.nowserving.shared.events;

/** The wire names of event types. {@code snapshot} exists only on feeds, never in the stream. */
public final class EventType {
    public static final String TICKET_ISSUED = "ticket.issued";
    public static final String TICKET_CALLED = "ticket.called";
    public static final String TICKET_RECALLED = "ticket.recalled";
    public static final String TICKET_COMPLETED = "ticket.completed";
    public static final String TICKET_NO_SHOW = "ticket.no_show";
    public static final String TICKET_RETURNED = "ticket.returned";
    public static final String TICKET_REOPENED = "ticket.reopened";
    public static final String TICKET_CANCELLED = "ticket.cancelled";
    public static final String TICKET_TRANSFERRED = "ticket.transferred";
    public static final String TICKET_RESET = "ticket.reset";
    public static final String COUNTER_CHANGED = "counter.changed";
    public static final String CONFIG_CHANGED = "config.changed";
    public static final String SNAPSHOT = "snapshot";

    private EventType() {
    }
}
