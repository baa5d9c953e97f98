package io.nowserving.backend.config;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/** The demo branch {@code main} that an empty database gets (DESIGN.md, {@code NOWSERVING_SEED_DEMO}). */
public final class DemoSeed {

    private DemoSeed() {
    }

    /** Branch {@code main}: services A and B, counters 1–3 serving both, open around the clock, remote queueing on. */
    public static BranchConfig demoBranch() {
        List<ServiceConfig> services = List.of(
                new ServiceConfig("a", "General", "A", null, 600, 300),
                new ServiceConfig("b", "Account services", "B", null, 600, 300));
        List<CounterConfig> counters = List.of(
                new CounterConfig("1", "Counter 1", List.of("a", "b")),
                new CounterConfig("2", "Counter 2", List.of("a", "b")),
                new CounterConfig("3", "Counter 3", List.of("a", "b")));
        return new BranchConfig("main", "Main branch", ZoneId.of("Asia/Taipei"), LocalTime.of(4, 0),
                OpeningHours.ALWAYS, List.of(), true, 0, services, counters);
    }

    /**
     * Saves the demo branch if the database holds no branch yet; returns whether it did. Of several instances
     * starting together on an empty database, one seeds and the others find the branch there.
     */
    public static boolean seedIfEmpty(ConfigRepository repository) {
        return repository.isEmpty() && repository.create(demoBranch()).isPresent();
    }
}
