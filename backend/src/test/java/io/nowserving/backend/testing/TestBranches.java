package io.nowserving.backend.testing;

import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.CounterConfig;
import io.nowserving.backend.config.OpeningHours;
import io.nowserving.backend.config.ServiceConfig;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Branch configurations for tests: open around the clock, remote queueing on, in Asia/Taipei unless said. */
public final class TestBranches {
    private TestBranches() {
    }

    /** Branch {@code id} with services a (prefix A) and b (prefix B) and {@code counters} counters serving both. */
    public static BranchConfig branch(String id, int counters, Integer capacityOfA) {
        return branch(id, counters, capacityOfA, ZoneId.of("Asia/Taipei"), OpeningHours.ALWAYS);
    }

    public static BranchConfig branch(String id, int counters, Integer capacityOfA, ZoneId zone, OpeningHours hours) {
        List<ServiceConfig> services = List.of(
                new ServiceConfig("a", "General", "A", capacityOfA, 600, 300),
                new ServiceConfig("b", "Accounts", "B", null, 600, 300));
        List<CounterConfig> list = new ArrayList<>();
        for (int i = 1; i <= counters; i++) {
            list.add(new CounterConfig(Integer.toString(i), "Counter " + i, List.of("a", "b")));
        }
        return new BranchConfig(id, "Branch " + id, zone, LocalTime.of(4, 0), hours, List.of(), true, 0, services,
                list);
    }
}
