package io.nowserving.backend.analytics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBackend.Reply;
import io.nowserving.backend.testing.TestBranches;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Bad query parameters answer 400 problem+json naming the parameter; unknown branches 404; clerks 403. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsBadInputTest {
    private TestBackend backend;

    @BeforeAll
    void start(@TempDir Path dir) {
        backend = TestBackend.start(dir, TestBranches.branch("s", 1, null));
    }

    @AfterAll
    void stop() {
        backend.close();
    }

    @Test
    void missingOrMalformedDatesAreRefusedNamingTheParameter() {
        for (List<String> c : List.of(
                List.of("hourly", "date"),
                List.of("hourly?date=", "date"),
                List.of("hourly?date=2026-02-30", "date"),
                List.of("hourly?date=2026-03-02T10:00", "date"),
                List.of("hourly?day=2026-03-02", "date"),
                List.of("summary?to=2026-03-02", "from"),
                List.of("summary?from=2026-03-02", "to"),
                List.of("summary?from=03/02/2026&to=2026-03-02", "from"),
                List.of("summary?from=2026-03-02&to=tomorrow", "to"),
                List.of("summary?from=2026-03-03&to=2026-03-02", "before from"),
                List.of("summary?from=2025-01-01&to=2026-03-02", "366 days"),
                List.of("heatmap?from=2026-03-02", "to"),
                List.of("heatmap?from=x&to=2026-03-02", "from"),
                List.of("heatmap?from=2026-03-09&to=2026-03-02", "before from"),
                List.of("hourly?date=%2B999999999-12-31", "date"),
                List.of("hourly?date=-999999999-01-01", "date"),
                List.of("hourly?date=9999-12-31", "date"),
                List.of("summary?from=%2B999999999-12-31&to=%2B999999999-12-31", "from"),
                List.of("summary?from=2026-03-02&to=%2B999999999-12-31", "to"),
                List.of("heatmap?from=%2B999999999-12-31&to=%2B999999999-12-31", "from"),
                List.of("heatmap?from=-999999999-01-01&to=-999999999-01-02", "from"))) {
            Reply r = backend.owner("GET", "/api/v1/branches/s/stats/" + c.get(0), null);
            assertEquals(400, r.status(), c.get(0));
            assertEquals("invalid_request", r.code(), c.get(0));
            assertTrue(r.header("Content-Type").startsWith("application/problem+json"), c.get(0));
            assertTrue(r.body().get("detail").asText().contains(c.get(1)), c.get(0) + ": " + r.body());
        }
    }

    @Test
    void aFullYearAndUnknownExtraParametersAreFine() {
        Reply r = backend.owner("GET", "/api/v1/branches/s/stats/summary?from=2025-03-03&to=2026-03-03&x=1", null);
        assertEquals(200, r.status(), String.valueOf(r.body()));
        assertEquals(0, r.body().get("totals").get("issued").asInt());
        assertTrue(r.body().get("totals").get("waitP50Seconds").isNull(), "a percentile of nothing is null");
        Reply h = backend.owner("GET", "/api/v1/branches/s/stats/hourly?date=2026-03-02&junk", null);
        assertEquals(200, h.status());
        assertEquals(24, h.body().get("hours").size());
        assertTrue(h.body().get("hours").get(0).get("avgWaitSeconds").isNull(), "an average of nothing is null");
    }

    @Test
    void anUnknownBranchIsNotFoundAndClerksMayNotRead() {
        Reply unknown = backend.owner("GET", "/api/v1/branches/nope/stats/hourly?date=2026-03-02", null);
        assertEquals(404, unknown.status());
        assertEquals("not_found", unknown.code());
        assertEquals(403, backend.staffGet("/api/v1/branches/s/stats/summary?from=2026-03-02&to=2026-03-02")
                .status());
    }
}
