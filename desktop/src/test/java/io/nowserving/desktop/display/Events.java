package io.nowserving.desktop.display;

import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.BranchSnapshot.ServiceStatus;
import io.nowserving.shared.api.CounterView;
import io.nowserving.shared.events.Event;
import io.nowserving.shared.events.EventType;
import java.util.List;

/** Hand-made feed records of a branch like the demo one: services a and b, counters 1 to 3. */
final class Events {
    static final String EPOCH = "e1";

    private Events() {
    }

    static BranchSnapshot snapshot(long at) {
        return new BranchSnapshot("main", "Main Street", EPOCH, 0, at, true,
                List.of(new ServiceStatus("a", "Payments", "A", 0, null, null),
                        new ServiceStatus("b", "Accounts", "B", 0, null, null)),
                List.of(counter("1"), counter("2"), counter("3")), List.of(), "Asia/Taipei");
    }

    private static CounterView counter(String id) {
        return new CounterView(id, "Counter " + id, "open", null, "clerk-secret-id", List.of("a", "b"));
    }

    static Event issued(long seq, String service, String number, long at) {
        return new Event(1, EPOCH, seq, EventType.TICKET_ISSUED, at, new Event.Actor("customer", null),
                ticket(service, number, at), null, null, null, null);
    }

    static Event called(long seq, String service, String number, String counter, long at) {
        return new Event(1, EPOCH, seq, EventType.TICKET_CALLED, at, new Event.Actor("staff", "clerk-secret-id"),
                ticket(service, number, at), new Event.CounterRef(counter, "open", "clerk-secret-id"), null, null,
                null);
    }

    static Event recalled(long seq, String service, String number, String counter, long at) {
        return new Event(1, EPOCH, seq, EventType.TICKET_RECALLED, at, new Event.Actor("staff", "clerk-secret-id"),
                ticket(service, number, at), new Event.CounterRef(counter, "open", "clerk-secret-id"), null, null,
                null);
    }

    static Event completed(long seq, String service, String number, String counter, long at) {
        return new Event(1, EPOCH, seq, EventType.TICKET_COMPLETED, at, new Event.Actor("staff", "clerk-secret-id"),
                ticket(service, number, at), new Event.CounterRef(counter, "open", "clerk-secret-id"), null, null,
                null);
    }

    private static Event.TicketRef ticket(String service, String number, long at) {
        return new Event.TicketRef("t-" + number, number, service, "en", "web", false, at);
    }
}
