package io.nowserving.backend.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.testing.Events;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaitEstimateTest {

    private static double mid(JsonNode estimate) {
        return (estimate.get("minSeconds").asLong() + estimate.get("maxSeconds").asLong()) / 2.0;
    }

    @Test
    void theEstimateConvergesOnTheRealServiceTimesOfAScriptedDay(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.start(dir, TestBranches.branch("est", 2, null))) {
            // the scripted day runs 2-3 hours of branch time: start it at the next 08:00 in the branch's zone, so it
            // never crosses the 04:00 business-day start whatever the hour the test runs at
            ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Asia/Taipei"));
            ZonedDateTime eight = now.toLocalDate().atTime(8, 0).atZone(now.getZone());
            long base = Duration.between(now, eight.isAfter(now) ? eight : eight.plusDays(1)).toMillis();
            backend.moveClock("est", base);
            // before any data: a fifth of the 600 s target wait per person
            backend.issue("est", "a");
            TestBackend.Reply fresh = backend.issue("est", "a");
            assertEquals(1, fresh.body().get("ahead").asInt());
            assertEquals(120.0, mid(fresh.body().get("estimatedWait")), 1.0);
            assertEquals(fresh.body().get("estimatedWait").get("maxSeconds").asLong(),
                    Events.ofType(backend, "est", "ticket.issued").get(1).get("estimateShown").get("maxSeconds").asLong(),
                    "the estimate shown is recorded in the event");

            // a scripted day: 40 customers served in 90..210 s (mean 150 s) at one counter
            for (int i = 0; i < 40; i++) {
                backend.issue("est", "a");
            }
            backend.counter("est", "1", "open");
            Random random = new Random(42);
            long clock = base;
            double total = 0;
            for (int i = 0; i < 40; i++) {
                backend.moveClock("est", clock);
                backend.counter("est", "1", "call-next");
                int took = 90 + random.nextInt(121);
                total += took;
                clock += took * 1000L;
                backend.moveClock("est", clock);
                assertEquals(200, backend.counter("est", "1", "complete").status());
            }
            double realMean = total / 40;
            JsonNode snapshot = backend.get("/api/v1/branches/est").body().get("services").get(0);
            int waiting = snapshot.get("waiting").asInt();
            assertEquals(2, waiting);
            double estimated = mid(snapshot.get("estimatedWait"));
            double real = waiting * realMean;
            double error = Math.abs(estimated - real) / real;
            System.out.printf("wait estimate for %d ahead: %.0f s against %.0f s of real service time (%.1f %% off)%n",
                    waiting, estimated, real, error * 100);
            assertTrue(error < 0.10, "the moving average is within 10 % of the day's real mean: " + error);

            // a second open counter halves it
            backend.counter("est", "2", "open");
            double halved = mid(backend.get("/api/v1/branches/est").body().get("services").get(0).get("estimatedWait"));
            assertEquals(estimated / 2, halved, estimated * 0.02 + 1);
        }
    }
}
