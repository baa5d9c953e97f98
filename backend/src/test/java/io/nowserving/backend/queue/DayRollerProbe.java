package io.nowserving.backend.queue;

import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.ScriptRunner;
import io.nowserving.backend.testing.TestBackend;
import java.time.Clock;
import java.util.List;

/** Runs the DayRoller's pass once for a branch, as the per-minute timer would. */
final class DayRollerProbe {
    private DayRollerProbe() {
    }

    static void roll(TestBackend backend, String branch) {
        QueueService queue = new QueueService(new QueueStore(new ScriptRunner(backend.redis()), backend.keys(),
                b -> false, TestBackend.JSON), new Ids(Clock.systemUTC()), TestBackend.JSON, "en");
        try (DayRoller roller = new DayRoller(queue, () -> List.of(branch))) {
            roller.rollAll();
        }
    }
}
