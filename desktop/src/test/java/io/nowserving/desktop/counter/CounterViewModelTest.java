package io.nowserving.desktop.counter;

import static io.nowserving.shared.events.EventType.TICKET_CALLED;
import static io.nowserving.shared.events.EventType.TICKET_CANCELLED;
import static io.nowserving.shared.events.EventType.TICKET_COMPLETED;
import static io.nowserving.shared.events.EventType.TICKET_ISSUED;
import static io.nowserving.shared.events.EventType.TICKET_RETURNED;
import static io.nowserving.shared.events.EventType.TICKET_TRANSFERRED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.client.NowServingClient;
import io.nowserving.shared.client.NowServingException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's state follows recorded feed events, with no window and no backend. */
class CounterViewModelTest {
    @TempDir
    Path dir;
    private final CounterEvents events = new CounterEvents();
    private NowServingClient client;
    private CounterViewModel vm;

    @BeforeEach
    void consoleOfCounterOne() {
        client = NowServingClient.builder("http://127.0.0.1:9").build();
        vm = new CounterViewModel(CounterEvents.context(dir, Locale.ENGLISH,
                CounterEvents.clockAt(CounterEvents.T0 + 100_000)), client);
        vm.showConsole("main", "1");
        vm.onSnapshot(CounterEvents.snapshot());
    }

    @AfterEach
    void close() {
        vm.close();
        client.close();
    }

    @Test
    void waitingCountsAndListFollowIssuedCalledCancelledTransferredAndReturned() {
        vm.onEvent(events.ticket(TICKET_ISSUED, "t1", "A001", "a", false, null));
        vm.onEvent(events.ticket(TICKET_ISSUED, "t2", "A002", "a", false, null));
        vm.onEvent(events.ticket(TICKET_ISSUED, "t3", "B001", "b", true, null));
        assertEquals(List.of("B001", "A001", "A002"), numbers(), "priority first, then in order of queueing");
        assertEquals(List.of(2, 1), counts());
        assertTrue(vm.waiting().get(0).priority());

        vm.onEvent(events.ticket(TICKET_CALLED, "t1", "A001", "a", false, "2"));
        vm.onEvent(events.ticket(TICKET_CANCELLED, "t2", "A002", "a", false, null));
        assertEquals(List.of("B001"), numbers());
        assertEquals(List.of(0, 1), counts());

        vm.onEvent(events.ticket(TICKET_TRANSFERRED, "t1", "A001", "b", false, "2"));
        assertEquals(List.of("B001", "A001"), numbers());
        assertEquals(List.of(0, 2), counts());

        vm.onEvent(events.ticket(TICKET_CALLED, "t3", "B001", "b", true, "2"));
        vm.onEvent(events.ticket(TICKET_RETURNED, "t4", "A004", "a", false, null));
        assertEquals(List.of("A001", "A004"), numbers());
        assertEquals(List.of(1, 1), counts());
    }

    @Test
    void servingTicketAppearsOnCalledAndClearsOnCompleted() {
        vm.onEvent(events.ticket(TICKET_ISSUED, "t1", "A001", "a", false, null));
        vm.onEvent(events.ticket(TICKET_CALLED, "t1", "A001", "a", false, "2"));
        assertNull(vm.serving.get(), "a call at another counter is not served here");

        vm.onEvent(events.ticket(TICKET_ISSUED, "t5", "A005", "a", false, null));
        vm.onEvent(events.ticket(TICKET_CALLED, "t5", "A005", "a", false, "1"));
        assertEquals("A005", vm.serving.get().number());
        assertEquals("Accounts", vm.serviceName(vm.serving.get().service()));
        assertEquals("Waited 00:13", vm.waited.get(), "from queueing (T0+5 ms) to the call (T0+14 s)");
        assertEquals("Serving for 01:26", vm.servingFor.get(), "the clock stands at T0+100 s");
        assertTrue(vm.waiting().isEmpty());

        vm.onEvent(events.ticket(TICKET_COMPLETED, "t5", "A005", "a", false, "1"));
        assertNull(vm.serving.get());
        assertEquals("", vm.servingFor.get());
    }

    @Test
    void offlineShowsTheBannerAndDisablesActionsUntilOnline() {
        assertFalse(vm.actionsDisabled.get());
        vm.onOffline(Instant.parse("2026-12-03T06:02:00Z"));
        assertEquals("Offline since 14:02 \u2014 reconnecting", vm.offline.get(), "in the branch's time zone");
        assertTrue(vm.actionsDisabled.get());

        vm.onOnline();
        assertEquals("", vm.offline.get());
        assertFalse(vm.actionsDisabled.get());
    }

    @Test
    void unauthorizedReturnsToSignInKeepingTheCounter() {
        vm.fail(new NowServingException(ErrorCode.UNAUTHORIZED, 401, null, "session ended", null));
        assertEquals(CounterViewModel.Screen.SIGN_IN, vm.screen.get());
        assertEquals("main", vm.branch.get());
        assertEquals("1", vm.counter.get());
        assertEquals("Your session has ended. Please sign in again.", vm.problem.get());
    }

    @Test
    void otherRefusalsStayOnTheConsoleAsOneSentence() {
        vm.fail(new NowServingException(ErrorCode.COUNTER_BUSY, 409, null, "serving", null));
        assertEquals(CounterViewModel.Screen.CONSOLE, vm.screen.get());
        assertEquals("Finish the current ticket first.", vm.problem.get());
    }

    private List<String> numbers() {
        return vm.waiting().stream().map(WaitingRow::number).toList();
    }

    private List<Integer> counts() {
        return vm.services.stream().map(ServiceLine::waiting).toList();
    }
}
