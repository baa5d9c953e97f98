package io.nowserving.backend.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that stands still at the start of the current minute until a test moves it, so that nothing has to
 * sleep and no assertion depends on how fast a loaded machine runs (no window or wait ends between two requests).
 */
public final class MutableClock extends Clock {
    private final AtomicLong millis = new AtomicLong(Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli());

    public void advance(Duration d) {
        millis.addAndGet(d.toMillis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public long millis() {
        return millis.get();
    }
}
