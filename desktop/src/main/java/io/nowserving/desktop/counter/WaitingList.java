package io.nowserving.desktop.counter;

import io.nowserving.shared.api.WaitingTicket;
import io.nowserving.shared.events.Event;
import io.nowserving.shared.events.EventType;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The branch's waiting tickets, kept live from the feed: the listing fetched once, then issued, transferred and
 * returned tickets join, called, cancelled and reset ones leave. Priority first, then by when they queued.
 */
final class WaitingList {
    private static final Comparator<WaitingRow> ORDER = Comparator.comparing((WaitingRow r) -> !r.priority())
            .thenComparingLong(WaitingRow::queuedAt).thenComparing(WaitingRow::id);

    private final ObservableList<WaitingRow> rows = FXCollections.observableArrayList();

    ObservableList<WaitingRow> rows() {
        return rows;
    }

    /** Replaces the list with a fetched listing (waiting tickets only). */
    void replace(List<WaitingTicket> listing) {
        rows.setAll(listing.stream().filter(t -> "waiting".equals(t.status()))
                .map(t -> new WaitingRow(t.id(), t.number(), t.service(), t.priority(), t.queuedAt()))
                .sorted(ORDER).toList());
    }

    Optional<WaitingRow> find(String ticketId) {
        return rows.stream().filter(r -> r.id().equals(ticketId)).findFirst();
    }

    void apply(Event e) {
        Event.TicketRef t = e.ticket();
        if (t == null || t.id() == null) {
            return;
        }
        switch (e.type()) {
            case EventType.TICKET_ISSUED, EventType.TICKET_TRANSFERRED, EventType.TICKET_RETURNED -> add(
                    new WaitingRow(t.id(), t.number(), t.service(), t.priority(), t.queuedAt()));
            case EventType.TICKET_CALLED, EventType.TICKET_CANCELLED, EventType.TICKET_RESET -> remove(t.id());
            default -> { }
        }
    }

    void clear() {
        rows.clear();
    }

    private void add(WaitingRow row) {
        remove(row.id());
        int at = 0;
        while (at < rows.size() && ORDER.compare(rows.get(at), row) < 0) {
            at++;
        }
        rows.add(at, row);
    }

    private void remove(String ticketId) {
        rows.removeIf(r -> r.id().equals(ticketId));
    }
}
