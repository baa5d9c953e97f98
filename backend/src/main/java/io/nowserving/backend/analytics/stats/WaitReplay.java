package io.nowserving.backend.analytics.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Cuts a ticket's life into waits: a wait starts when the ticket starts waiting in a service (issued, transferred
 * into it, returned after a no-show) and ends with its next {@code ticket.called}, counted in the service waited in
 * at the moment of the call. A wait that ends otherwise (cancelled, reset at day end) is no wait. Recalls and
 * reopens are not calls. Only the wait that started at issue carries the estimate shown then.
 */
final class WaitReplay implements Consumer<LoggedEvent> {

    /** One wait, ended by a call at {@code calledAt} (epoch seconds) at {@code counter}, by staff {@code clerk}. */
    record Wait(String ticket, String service, long calledAt, long seconds, String counter, String clerk,
                boolean fromIssue, Integer estimateMin, Integer estimateMax) {
    }

    private record Pending(long since, boolean fromIssue, Integer estimateMin, Integer estimateMax) {
    }

    private final Map<String, Pending> waiting = new HashMap<>();
    private final List<Wait> waits = new ArrayList<>();

    @Override
    public void accept(LoggedEvent e) {
        if (e.ticket() == null) {
            return;
        }
        switch (e.type()) {
            case "ticket.issued" -> waiting.put(e.ticket(), new Pending(e.at(), true, e.estimateMin(),
                    e.estimateMax()));
            case "ticket.transferred", "ticket.returned" -> waiting.put(e.ticket(), new Pending(e.at(), false, null,
                    null));
            case "ticket.cancelled", "ticket.reset" -> waiting.remove(e.ticket());
            case "ticket.called" -> {
                // a wait begun before the replayed events (not expected: waiting tickets are reset at day end)
                // counts from the issue, without an estimate
                Pending p = waiting.remove(e.ticket());
                if (p == null) {
                    p = new Pending(e.queuedAt(), false, null, null);
                }
                waits.add(new Wait(e.ticket(), e.service(), e.at(), Math.max(0, e.at() - p.since()), e.counter(),
                        e.actor(), p.fromIssue(), p.estimateMin(), p.estimateMax()));
            }
            default -> { }
        }
    }

    List<Wait> waits() {
        return waits;
    }
}
