package io.nowserving.desktop.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.testing.TestBackend;
import io.nowserving.desktop.common.Background;
import io.nowserving.desktop.common.FxThread;
import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.testing.Fx;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Long runs: the view-model (and the real scene) over many events keep a flat heap and keep showing the latest
 * state; the real display survives backend restarts on the same URL. Short by default; the full run is
 * {@code -Dnowserving.soak.events=100000 -Dnowserving.soak.restarts=50}.
 */
class DisplaySoakTest {
    private static final int EVENTS = Integer.getInteger("nowserving.soak.events", 20_000);
    private static final int RESTARTS = Math.max(2, Integer.getInteger("nowserving.soak.restarts", 3));
    private static final long MARGIN = 24L << 20;
    private static final Instant NOW = Instant.parse("2026-03-02T06:00:00Z");

    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() {
        Fx.start();
    }

    @Test
    void theViewModelKeepsAFlatHeapAndKeepsUpdatingOverManyEvents() throws InterruptedException {
        DisplayViewModel vm = new DisplayViewModel(Messages.of(Locale.ENGLISH), Clock.fixed(NOW, ZoneOffset.UTC),
                c -> { });
        long t = NOW.toEpochMilli();
        vm.onSnapshot(Events.snapshot(t));
        long before = usedHeapAfterGc();
        long seq = feed(vm, 0, EVENTS, t);
        long after = settledHeap(before);
        System.out.printf("display soak (view-model): %d events, used heap %d KiB before, %d KiB after%n", seq,
                before >> 10, after >> 10);
        assertEquals(number(seq), vm.front().get().number(), "the display keeps up with the feed");
        assertEquals(DisplayViewModel.PREVIOUS, vm.previous().size());
        assertTrue(after - before < MARGIN, "heap grew by " + ((after - before) >> 10) + " KiB");
    }

    @Test
    void theRealSceneKeepsAFlatHeapOverEvents() throws InterruptedException {
        int events = Math.max(2_000, EVENTS / 10);
        long t = NOW.toEpochMilli();
        DisplayViewModel vm = Fx.call(() -> {
            DisplayViewModel m = new DisplayViewModel(Messages.of(Locale.ENGLISH), Clock.fixed(NOW, ZoneOffset.UTC),
                    c -> { });
            new DisplayView(m, Messages.of("io.nowserving.desktop.display.messages", Locale.ENGLISH))
                    .scene(1280, 720);
            m.onSnapshot(Events.snapshot(t));
            return m;
        });
        long seq = 0;
        seq = Fx.call(() -> feed(vm, 0, 1_000, t));
        long before = usedHeapAfterGc();
        for (int done = 0; done < events; done += 1_000) {
            long from = seq;
            seq = Fx.call(() -> feed(vm, from, 1_000, t));
        }
        long after = settledHeap(before);
        System.out.printf("display soak (scene): %d events, used heap %d KiB before, %d KiB after%n", seq,
                before >> 10, after >> 10);
        long last = seq;
        assertEquals(number(last), Fx.call(() -> vm.front().get().number()));
        assertTrue(after - before < MARGIN, "heap grew by " + ((after - before) >> 10) + " KiB");
    }

    @Test
    void theRealDisplayComesBackAfterEveryBackendRestartOnTheSameUrl() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TestBackend first = TestBackend.start(dir.resolve("backend"), Map.of("NOWSERVING_HTTP_PORT",
                String.valueOf(port)));
        TestBackend current = first;
        try (Background background = Background.start("display-soak", FxThread.platform())) {
            for (String c : new String[] {"1", "2", "3"}) {
                first.counter("main", c, "open");
            }
            DisplayApp app = DisplayTest.open("http://127.0.0.1:" + port, Optional.empty(), dir, background);
            try {
                long before = 0;
                for (int i = 0; i < RESTARTS; i++) {
                    current.issue("main", "a");
                    String n = DisplayTest.number(current, String.valueOf(1 + i % 3));
                    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Fx.call(() -> app.viewModel().serving()
                            .stream().anyMatch(l -> l.number().equals(n))));
                    if (i == 1) {
                        // from the first restart on: the in-process backend's second start loads more of itself
                        before = usedHeapAfterGc();
                    }
                    System.out.printf("display soak (restarts): restart %d, used heap %d KiB%n", i,
                            usedHeapAfterGc() >> 10);
                    if (current == first) {
                        first.app().close();
                    } else {
                        current.close();
                    }
                    long stoppedAt = System.nanoTime();
                    // the banner must come, every time; how soon is DisplayTest's to assert (a cut it controls): a
                    // stopped in-process backend may leave its sockets open, and then the client notices 5 s of
                    // silence, plus whatever a loaded 2-core CI machine adds (8 s was seen at load 11)
                    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Fx.call(() ->
                            app.viewModel().offline().get()));
                    long offlineMs = (System.nanoTime() - stoppedAt) / 1_000_000;
                    System.out.printf("display soak (restarts): restart %d, offline banner after %d ms%n", i,
                            offlineMs);
                    current = first.startAnother();
                    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !Fx.call(() ->
                            app.viewModel().offline().get()));
                }
                long after = settledHeap(before);
                System.out.printf("display soak (restarts): %d restarts, used heap %d KiB before, %d KiB after%n",
                        RESTARTS, before >> 10, after >> 10);
                current.issue("main", "b");
                String last = DisplayTest.number(current, "1");
                WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Fx.call(() -> app.viewModel().serving()
                        .stream().anyMatch(l -> l.number().equals(last))));
                assertTrue(after - before < 2 * MARGIN, "heap grew by " + ((after - before) >> 10) + " KiB");
            } finally {
                Fx.run(app::close);
            }
        } finally {
            if (current != first) {
                current.close();
            }
            first.close();
        }
    }

    /** Issue, call, complete cycles: three events per ticket. Answers the last seq. */
    private static long feed(DisplayViewModel vm, long seq, int events, long t) {
        for (int i = 0; i < events; i += 3) {
            long n = seq + 1;
            String number = number(n + 1);
            String counter = String.valueOf(1 + (n % 3));
            vm.onEvent(Events.issued(n, "a", number, t));
            vm.onEvent(Events.called(n + 1, "a", number, counter, t));
            vm.onEvent(Events.completed(n + 2, "a", number, counter, t));
            seq = n + 2;
        }
        return seq;
    }

    /** The ticket number of the call at {@code seq} (numbers cycle like the real A001…A999). */
    private static String number(long seq) {
        long callSeq = seq % 3 == 2 ? seq : seq - ((seq + 1) % 3);
        return String.format("A%03d", (callSeq / 3) % 1000);
    }

    /**
     * The used heap after GC once it is back within {@link #MARGIN} of {@code before}, or after 10 s of trying: other
     * tests' threads in this JVM (backends closing, their timers) may hold garbage for a moment; a leak stays.
     */
    private static long settledHeap(long before) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long after = usedHeapAfterGc();
        while (after - before >= MARGIN && System.nanoTime() < deadline) {
            Thread.sleep(200);
            after = usedHeapAfterGc();
        }
        return after;
    }

    private static long usedHeapAfterGc() {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return r.totalMemory() - r.freeMemory();
    }
}
