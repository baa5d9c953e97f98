package io.nowserving.desktop.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.desktop.common.Clip;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnouncementQueueTest {
    private static final long NOW = Instant.parse("2026-03-02T06:00:00Z").toEpochMilli();

    private final ManualScheduler scheduler = new ManualScheduler();
    private final RecordingAudioSink audio = new RecordingAudioSink();
    private final List<Call> shown = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    private final AnnouncementQueue queue = new AnnouncementQueue(scheduler, clock, audio,
            c -> List.of(new Clip(c.number(), null)), Duration.ofSeconds(5), shown::add);

    private static Call call(String number, String counter, long ageMs) {
        return new Call(number, counter, NOW - ageMs, false);
    }

    @Test
    void threeSimultaneousCallsAreEachShownForTheMinimumAndEachAnnouncementFinishesBeforeTheNext() {
        queue.offer(call("A001", "1", 0));
        queue.offer(call("A002", "2", 0));
        queue.offer(call("B001", "3", 0));
        assertEquals(List.of("A001"), numbers(shown));
        assertEquals(1, audio.played.size());

        audio.finish(); // spoken quickly, but the minimum time has not passed
        scheduler.advance(4_999);
        assertEquals(List.of("A001"), numbers(shown), "A001 must stay highlighted for 5 s");
        scheduler.advance(1);
        assertEquals(List.of("A001", "A002"), numbers(shown));

        scheduler.advance(30_000); // the minimum passed long ago, the announcement still plays
        assertEquals(List.of("A001", "A002"), numbers(shown), "A002's announcement must not be cut off");
        assertTrue(audio.playing());
        audio.finish();
        assertEquals(List.of("A001", "A002", "B001"), numbers(shown));
        assertEquals(List.of("A001", "A002", "B001"), audio.played.stream().map(c -> c.get(0).name()).toList());

        audio.finish();
        scheduler.advance(5_000);
        assertNull(shown.get(shown.size() - 1), "the queue runs empty: nothing highlighted");
        assertFalse(audio.playing());
    }

    @Test
    void aRecallIsAnnouncedAgain() {
        queue.offer(call("A001", "1", 0));
        audio.finish();
        scheduler.advance(5_000);
        queue.offer(new Call("A001", "1", NOW, true));
        assertEquals(2, audio.played.size());
        assertEquals("A001", audio.played.get(1).get(0).name());
    }

    @Test
    void callsOlderThanTwoMinutesAreNotAnnounced() {
        queue.offer(call("A001", "1", 121_000));
        assertEquals(List.of(), audio.played);
        assertEquals(List.of(), shown);
        queue.offer(call("A002", "1", 119_000));
        assertEquals(List.of("A002"), numbers(shown));
        assertEquals(1, audio.played.size());
    }

    @Test
    void closingStopsTheQueue() {
        queue.offer(call("A001", "1", 0));
        queue.offer(call("A002", "1", 0));
        queue.close();
        audio.finish();
        scheduler.advance(10_000);
        assertEquals(List.of("A001"), numbers(shown));
    }

    private static List<String> numbers(List<Call> calls) {
        return calls.stream().map(c -> c == null ? null : c.number()).toList();
    }
}
