package io.nowserving.desktop.counter;

import io.nowserving.desktop.common.AppContext;
import io.nowserving.desktop.common.Background;
import io.nowserving.desktop.common.DesktopSettings;
import io.nowserving.desktop.common.FxThread;
import io.nowserving.desktop.common.Mode;
import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.BranchSnapshot.ServiceStatus;
import io.nowserving.shared.api.CounterView;
import io.nowserving.shared.api.WaitEstimate;
import io.nowserving.shared.events.Event;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Recorded-style feed input for the console's tests: a branch snapshot and hand-made events. */
final class CounterEvents {
    static final long T0 = Instant.parse("2026-12-03T06:00:00Z").toEpochMilli();
    static final String EPOCH = "e1";

    private long seq = 10;

    static AppContext context(Path dir, Locale locale, Clock clock) {
        DesktopSettings settings = new DesktopSettings(Mode.COUNTER, Optional.of("http://127.0.0.1:9"),
                Optional.empty(), Optional.empty(), Optional.empty(), locale, 0, false, List.of(), dir);
        return new AppContext(settings, "http://127.0.0.1:9", FxThread.sameThread(), Background.sameThread(), clock,
                s -> s);
    }

    static Clock clockAt(long ms) {
        return Clock.fixed(Instant.ofEpochMilli(ms), ZoneOffset.UTC);
    }

    static BranchSnapshot snapshot() {
        return new BranchSnapshot("main", "Main branch", EPOCH, 10, T0, true,
                List.of(new ServiceStatus("a", "Accounts", "A", 0, new WaitEstimate(300, 600), null),
                        new ServiceStatus("b", "Business loans", "B", 0, new WaitEstimate(600, 900), null)),
                List.of(new CounterView("1", "Counter 1", "open", null, "clerk-id", List.of("a", "b")),
                        new CounterView("2", "Counter 2", "open", null, null, List.of("a", "b"))),
                List.of(), "Asia/Taipei");
    }

    Event ticket(String type, String id, String number, String service, boolean priority, String counter) {
        seq++;
        long at = T0 + seq * 1000;
        return new Event(1, EPOCH, seq, type, at, new Event.Actor("clerk", "clerk-id"),
                new Event.TicketRef(id, number, service, "en", "web", priority, T0 + Long.parseLong(id.substring(1))),
                counter == null ? null : new Event.CounterRef(counter, "open", "clerk-id"), null, null, null);
    }
}
