package io.nowserving.desktop.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.desktop.common.FxThread;
import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.display.DisplayViewModel.CallLine;
import io.nowserving.desktop.display.DisplayViewModel.WaitingLine;
import io.nowserving.shared.client.FeedListener;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DisplayViewModelTest {
    private static final Instant NOW = Instant.parse("2026-03-02T06:02:30Z"); // 14:02:30 in Taipei
    private static final long T = NOW.toEpochMilli();

    private final List<Call> calls = new ArrayList<>();
    private final DisplayViewModel vm = new DisplayViewModel(Messages.of(Locale.ENGLISH),
            Clock.fixed(NOW, ZoneOffset.UTC), calls::add);
    private final FeedListener feed = FxThread.sameThread().onFxThread(vm);

    @Test
    void replayedEventsGiveTheCallPerCounterTheEightBeforeTheNewestAndWaitingCounts() {
        feed.onSnapshot(Events.snapshot(T));
        long seq = 0;
        for (int i = 1; i <= 12; i++) {
            feed.onEvent(Events.issued(++seq, "a", String.format("A%03d", i), T));
        }
        feed.onEvent(Events.issued(++seq, "b", "B001", T));
        for (int i = 1; i <= 10; i++) {
            feed.onEvent(Events.called(++seq, "a", String.format("A%03d", i), String.valueOf(1 + i % 3), T));
        }
        feed.onEvent(Events.completed(++seq, "a", "A010", "2", T));

        assertEquals(new CallLine("A010", "2"), vm.front().get(), "the newest call is in front");
        assertEquals(List.of(new CallLine("A009", "1"), new CallLine("A008", "3"), new CallLine("A007", "2"),
                new CallLine("A006", "1"), new CallLine("A005", "3"), new CallLine("A004", "2"),
                new CallLine("A003", "1"), new CallLine("A002", "3")), vm.previous());
        assertEquals(List.of(new CallLine("A009", "1"), new CallLine("A008", "3")), vm.serving(),
                "counter 2 completed A010 and serves nothing");
        assertEquals(List.of(new WaitingLine("Payments", "A", 2), new WaitingLine("Accounts", "B", 1)),
                vm.waiting());
        assertEquals("Main Street", vm.branchName().get());
        assertEquals("14:02:30", vm.clockText().get(), "the clock runs in the branch's zone");
        assertEquals(10, calls.size(), "every call goes to the announcement queue");
    }

    @Test
    void callsAndRecallsGoToTheQueueWithTheirCounterButNeverTheClerk() {
        feed.onSnapshot(Events.snapshot(T));
        feed.onEvent(Events.issued(1, "a", "A001", T));
        feed.onEvent(Events.called(2, "a", "A001", "3", T));
        feed.onEvent(Events.recalled(3, "a", "A001", "3", T + 1000));
        assertEquals(List.of(new Call("A001", "3", T, false), new Call("A001", "3", T + 1000, true)), calls);
        assertFalse(vm.serving().toString().contains("clerk"));
    }

    @Test
    void theHighlightedCallStaysInFrontAndFlashesUntilTheQueueMovesOn() {
        feed.onSnapshot(Events.snapshot(T));
        feed.onEvent(Events.called(1, "a", "A001", "1", T));
        feed.onEvent(Events.called(2, "a", "A002", "2", T));
        vm.highlight(calls.get(0));
        assertEquals(new CallLine("A001", "1"), vm.front().get());
        assertTrue(vm.flashing().get());
        vm.highlight(null);
        assertEquals(new CallLine("A002", "2"), vm.front().get());
        assertFalse(vm.flashing().get());
    }

    @Test
    void theOfflineBannerAppearsOnOfflineWithTheLastUpdateAndClearsOnOnline() {
        feed.onSnapshot(Events.snapshot(T));
        feed.onOffline(NOW);
        assertTrue(vm.offline().get());
        assertEquals(Messages.of(Locale.ENGLISH).get("offline.lastUpdate", "14:02"), vm.offlineText().get());
        feed.onOnline();
        assertFalse(vm.offline().get());
    }

    @Test
    void aFeedThatGivesUpForGoodSaysSoOnTheBanner() {
        feed.onSnapshot(Events.snapshot(T));
        feed.onFailure(new io.nowserving.shared.client.NowServingException(
                io.nowserving.shared.api.ErrorCode.NOT_FOUND, 404, null, "gone", null));
        assertTrue(vm.offline().get());
        assertEquals("This screen has stopped following the branch: it was removed, or this screen may no longer "
                + "follow it. Check the branch in the settings.", vm.offlineText().get());
    }

    @Test
    void eventsAlreadyInTheSnapshotChangeNothing() {
        feed.onSnapshot(Events.snapshot(T));
        feed.onEvent(Events.called(1, "a", "A001", "1", T));
        feed.onEvent(Events.called(1, "a", "A001", "1", T));
        assertEquals(1, calls.size());
    }

    @Test
    void aConfigurationChangeAsksForASnapshotAndTheFetchedOneClearsIt() {
        feed.onSnapshot(Events.snapshot(T));
        feed.onEvent(new io.nowserving.shared.events.Event(1, Events.EPOCH, 1,
                io.nowserving.shared.events.EventType.CONFIG_CHANGED, T, null, null, null, null, null,
                new io.nowserving.shared.events.Event.ConfigRef(2)));
        assertTrue(vm.needsSnapshot().get());
        io.nowserving.shared.api.BranchSnapshot s = Events.snapshot(T);
        vm.onSnapshot(new io.nowserving.shared.api.BranchSnapshot(s.id(), "Renamed", s.epoch(), 1, T, true,
                s.services(), s.counters(), s.recentCalls(), s.timeZone()));
        assertFalse(vm.needsSnapshot().get());
        assertEquals("Renamed", vm.branchName().get());
    }

    @Test
    void theQrCaptionIsTheLinkWithoutTheToken() {
        vm.qr().show(new io.nowserving.shared.api.PresenceToken("secret", T + 60_000,
                "http://10.0.0.5:8080/b/main#p=secret"));
        assertEquals("http://10.0.0.5:8080/b/main", vm.qr().caption().get());
        assertEquals("http://10.0.0.5:8080/b/main#p=secret", vm.qr().content().get());
    }
}
