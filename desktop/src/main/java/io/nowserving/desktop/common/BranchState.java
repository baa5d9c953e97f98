package io.nowserving.desktop.common;

import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.BranchSnapshot.RecentCall;
import io.nowserving.shared.api.BranchSnapshot.ServiceStatus;
import io.nowserving.shared.api.CounterView;
import io.nowserving.shared.api.WaitEstimate;
import io.nowserving.shared.events.Event;
import io.nowserving.shared.events.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A branch's live state as the screens show it: a {@link BranchSnapshot} with the feed's events applied, one at a
 * time (a snapshot replaces, an event applies). Immutable; {@link #apply} answers the next state. Events at or
 * below the state's seq (same epoch) change nothing, so a snapshot fetched while the feed runs can be laid over
 * it safely. {@code needsSnapshot} is set by {@code config.changed}: services or counters may have changed, and
 * the events do not say how.
 */
public record BranchState(BranchSnapshot snapshot, boolean needsSnapshot) {
    /** Recent calls kept (the display shows the newest and the 8 before it). */
    public static final int RECENT = 10;

    public static BranchState of(BranchSnapshot snapshot) {
        return new BranchState(snapshot, false);
    }

    public String epoch() {
        return snapshot.epoch();
    }

    public long seq() {
        return snapshot.seq();
    }

    /** Whether {@code fetched} may replace this state: same epoch and not older, or another epoch. */
    public boolean acceptsSnapshot(BranchSnapshot fetched) {
        return !Objects.equals(fetched.epoch(), snapshot.epoch()) || fetched.seq() >= snapshot.seq();
    }

    /** The state after {@code e}. */
    public BranchState apply(Event e) {
        BranchSnapshot s = snapshot;
        if (Objects.equals(e.epoch(), s.epoch()) && e.seq() <= s.seq()) {
            return this;
        }
        boolean refetch = needsSnapshot;
        List<ServiceStatus> services = s.services();
        List<CounterView> counters = s.counters();
        List<RecentCall> recent = s.recentCalls();
        String service = e.ticket() == null ? null : e.ticket().service();
        switch (e.type()) {
            case EventType.TICKET_ISSUED -> services = adjust(services, service, 1, e.estimateShown() == null ? null
                    : new WaitEstimate(e.estimateShown().minSeconds(), e.estimateShown().maxSeconds()), true);
            case EventType.TICKET_CALLED -> {
                services = adjust(services, service, -1, null, false);
                counters = serving(counters, e, e.ticket().number());
                recent = called(recent, e);
            }
            case EventType.TICKET_RECALLED -> recent = called(recent, e);
            case EventType.TICKET_COMPLETED, EventType.TICKET_NO_SHOW -> counters = serving(counters, e, null);
            case EventType.TICKET_TRANSFERRED -> {
                counters = serving(counters, e, null);
                services = adjust(services, service, 1, null, false);
            }
            case EventType.TICKET_REOPENED -> counters = serving(counters, e, e.ticket().number());
            case EventType.TICKET_RETURNED -> services = adjust(services, service, 1, null, false);
            case EventType.TICKET_CANCELLED, EventType.TICKET_RESET -> services = adjust(services, service, -1, null,
                    false);
            case EventType.COUNTER_CHANGED -> counters = serving(counters, e, UNCHANGED);
            case EventType.CONFIG_CHANGED -> refetch = true;
            default -> { }
        }
        return new BranchState(new BranchSnapshot(s.id(), s.name(), e.epoch(), e.seq(), Math.max(s.serverTime(), e.at()),
                s.open(), services, counters, recent, s.timeZone()), refetch);
    }

    private static final String UNCHANGED = "\u0000unchanged";

    private static List<ServiceStatus> adjust(List<ServiceStatus> services, String id, int delta,
                                              WaitEstimate estimate, boolean issued) {
        return replace(services, x -> x.id().equals(id), x -> new ServiceStatus(x.id(), x.name(), x.prefix(),
                Math.max(0, x.waiting() + delta), estimate != null ? estimate : x.estimatedWait(),
                issued && x.capacityLeft() != null ? Integer.valueOf(Math.max(0, x.capacityLeft() - 1))
                        : x.capacityLeft()));
    }

    private static List<CounterView> serving(List<CounterView> counters, Event e, String number) {
        if (e.counter() == null) {
            return counters;
        }
        return replace(counters, c -> c.id().equals(e.counter().id()), c -> new CounterView(c.id(), c.name(),
                e.counter().state() != null ? e.counter().state() : c.state(),
                UNCHANGED.equals(number) ? c.serving() : number, e.counter().clerk(), c.services()));
    }

    private static List<RecentCall> called(List<RecentCall> recent, Event e) {
        List<RecentCall> next = new ArrayList<>(recent.size() + 1);
        next.add(new RecentCall(e.ticket().number(), e.counter() == null ? null : e.counter().id(), e.at()));
        next.addAll(recent);
        return List.copyOf(next.subList(0, Math.min(RECENT, next.size())));
    }

    private static <T> List<T> replace(List<T> list, java.util.function.Predicate<T> which, UnaryOperator<T> change) {
        List<T> next = new ArrayList<>(list.size());
        for (T x : list) {
            next.add(which.test(x) ? change.apply(x) : x);
        }
        return List.copyOf(next);
    }
}
