package io.nowserving.desktop.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.CounterView;
import io.nowserving.shared.api.WaitEstimate;
import io.nowserving.shared.events.Event;
import io.nowserving.shared.events.EventType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A recorded day's events replayed into the state the screens show. */
class BranchStateTest {
    static BranchSnapshot snapshot() {
        return new BranchSnapshot("main", "Main", "e1", 10, 1_000, true,
                List.of(new BranchSnapshot.ServiceStatus("a", "Residents", "A", 0, new WaitEstimate(0, 0), 100),
                        new BranchSnapshot.ServiceStatus("b", "Business", "B", 1, new WaitEstimate(60, 120), null)),
                List.of(new CounterView("1", "Counter 1", "open", null, null, List.of("a", "b")),
                        new CounterView("2", "Counter 2", "closed", null, null, List.of("b"))),
                List.of(), "Asia/Taipei");
    }

    static Event event(long seq, String type, String ticketId, String number, String service, String counter,
                       String counterState) {
        return new Event(1, "e1", seq, type, 1_000 + seq,
                new Event.Actor("clerk", null),
                ticketId == null ? null : new Event.TicketRef(ticketId, number, service, "en", null, false, 900),
                counter == null ? null : new Event.CounterRef(counter, counterState, null), null,
                EventType.TICKET_ISSUED.equals(type) ? new Event.EstimateShown(30, 90, 0) : null, null);
    }

    @Test
    void issuedCalledCompletedMoveTheCountsTheCounterAndTheRecentCalls() {
        BranchState s = BranchState.of(snapshot());
        s = s.apply(event(11, EventType.TICKET_ISSUED, "t1", "A001", "a", null, null));
        s = s.apply(event(12, EventType.TICKET_ISSUED, "t2", "A002", "a", null, null));
        assertEquals(2, s.snapshot().services().get(0).waiting());
        assertEquals(98, s.snapshot().services().get(0).capacityLeft());
        assertEquals(new WaitEstimate(30, 90), s.snapshot().services().get(0).estimatedWait());
        s = s.apply(event(13, EventType.TICKET_CALLED, "t1", "A001", "a", "1", "open"));
        assertEquals(1, s.snapshot().services().get(0).waiting());
        assertEquals("A001", s.snapshot().counters().get(0).serving());
        assertEquals("A001", s.snapshot().recentCalls().get(0).number());
        assertEquals("1", s.snapshot().recentCalls().get(0).counter());
        s = s.apply(event(14, EventType.TICKET_RECALLED, "t1", "A001", "a", "1", "open"));
        assertEquals(2, s.snapshot().recentCalls().size(), "a recall is a call again");
        s = s.apply(event(15, EventType.TICKET_COMPLETED, "t1", "A001", "a", "1", "open"));
        assertNull(s.snapshot().counters().get(0).serving());
        s = s.apply(event(16, EventType.TICKET_CANCELLED, "t2", "A002", "a", null, null));
        assertEquals(0, s.snapshot().services().get(0).waiting());
        assertEquals(16, s.seq());
        assertEquals("Asia/Taipei", s.snapshot().timeZone());
    }

    @Test
    void transferReturnAndCounterChangesApply() {
        BranchState s = BranchState.of(snapshot())
                .apply(event(11, EventType.TICKET_CALLED, "t9", "B001", "b", "2", "open"))
                .apply(event(12, EventType.TICKET_TRANSFERRED, "t9", "B001", "a", "2", "open"));
        assertEquals(0, s.snapshot().services().get(1).waiting());
        assertEquals(1, s.snapshot().services().get(0).waiting());
        assertNull(s.snapshot().counters().get(1).serving());
        s = s.apply(event(13, EventType.COUNTER_CHANGED, null, null, null, "2", "paused"));
        assertEquals("paused", s.snapshot().counters().get(1).state());
        s = s.apply(event(14, EventType.TICKET_RETURNED, "t7", "B000", "b", null, null));
        assertEquals(1, s.snapshot().services().get(1).waiting());
    }

    @Test
    void oldEventsChangeNothingAndConfigChangesAskForASnapshot() {
        BranchState s = BranchState.of(snapshot());
        assertSame(s, s.apply(event(10, EventType.TICKET_ISSUED, "t1", "A001", "a", null, null)));
        BranchState changed = s.apply(new Event(1, "e1", 11, EventType.CONFIG_CHANGED, 2_000, null, null, null,
                null, null, new Event.ConfigRef(7)));
        assertTrue(changed.needsSnapshot());
        assertFalse(changed.acceptsSnapshot(snapshot()), "a snapshot older than what was applied is refused");
        assertTrue(changed.acceptsSnapshot(new BranchSnapshot("main", "Main", "e2", 1, 0, true, List.of(), List.of(),
                List.of(), "UTC")), "another epoch always replaces");
    }
}
