package io.nowserving.desktop.counter;

import io.nowserving.desktop.common.Messages;
import io.nowserving.shared.api.BranchSnapshot.ServiceStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console writes times and estimates. */
final class ConsoleText {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private ConsoleText() {
    }

    /** {@code mm:ss}, or {@code h:mm:ss} from an hour on (never negative: clocks of two machines may differ). */
    static String duration(long ms) {
        long s = Math.max(0, ms) / 1000;
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    /** A service's estimated wait in whole minutes; empty when nobody waits or there is no estimate. */
    static String estimate(Messages words, ServiceStatus x) {
        if (x.estimatedWait() == null || x.waiting() == 0) {
            return "";
        }
        long min = Math.round(x.estimatedWait().minSeconds() / 60.0);
        long max = Math.max(min, Math.round(x.estimatedWait().maxSeconds() / 60.0));
        return words.get("estimate.range", min, max);
    }

    /** The time of day of {@code at} in the branch's zone ({@code fallback} when the branch names none). */
    static String clock(Instant at, String branchZone, ZoneId fallback) {
        return CLOCK.withZone(branchZone == null ? fallback : ZoneId.of(branchZone)).format(at);
    }
}
