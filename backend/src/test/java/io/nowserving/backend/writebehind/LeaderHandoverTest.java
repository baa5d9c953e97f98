package io.nowserving.backend.writebehind;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nowserving.backend.testing.Await;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A leader handing over: the next one drops the former leaders' consumers, so groups do not grow per restart. */
class LeaderHandoverTest {

    @Test
    void theNextLeaderForgetsTheConsumersOfFormerLeaders(@TempDir Path dir) throws Exception {
        try (TestBackend first = TestBackend.start(dir, Map.of("NOWSERVING_LEASE_TTL_MS", "1000"),
                TestBranches.branch("lh", 1, null))) {
            String events = first.keys().events("lh");
            first.issue("lh", "a");
            Await.until(Duration.ofSeconds(30), "the first leader's consumer", () -> names(first, events).size() == 1);
            String former = names(first, events).get(0);
            try (TestBackend second = first.startAnother()) {
                first.app().close(); // the first leader goes away; its consumer stays in the group
                Await.until(Duration.ofSeconds(30), "a consumer of the second instance", () -> {
                    second.issue("lh", "a");
                    return names(second, events).stream().anyMatch(n -> !n.equals(former));
                });
                Await.until(Duration.ofSeconds(30), "the former leader's consumer gone",
                        () -> !names(second, events).contains(former));
                assertEquals(1, names(second, events).size(), "only the leader's own consumer: " + names(second, events));
            }
        }
    }

    /** The consumer names of the history group on a stream (none before the group exists). */
    private static List<String> names(TestBackend backend, String stream) {
        try {
            List<String> out = new ArrayList<>();
            for (Object entry : backend.redis().xinfoConsumers(stream, HistoryWriter.GROUP)) {
                List<?> fields = (List<?>) entry;
                for (int i = 0; i + 1 < fields.size(); i += 2) {
                    if ("name".equals(String.valueOf(fields.get(i)))) {
                        out.add(String.valueOf(fields.get(i + 1)));
                    }
                }
            }
            return out;
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
