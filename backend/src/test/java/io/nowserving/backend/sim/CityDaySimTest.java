package io.nowserving.backend.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.testing.TestBackend;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The city-day simulator's short profile in the normal build (2 branches × 150 tickets, 3 clerks each, the day
 * sped up 5000×, two backend instances on one Redis and database): nothing lost, nothing called while not
 * waiting, the analytics equal the simulator's counts. Larger runs: {@code -Dsim.branches -Dsim.tickets
 * -Dsim.speed} (see BENCHMARKS.md), or {@link CityDay#main} against running backends.
 */
class CityDaySimTest {

    @Test
    void aShortCityDayLosesNothingAndTheAnalyticsAgree(@TempDir Path dir) throws Exception {
        try (TestBackend a = TestBackend.start(dir); TestBackend b = a.startAnother()) {
            CityDay.Options options = CityDay.Options.fromSystemProperties(List.of("http://127.0.0.1:" + a.port(),
                    "http://127.0.0.1:" + b.port()), "admin", TestBackend.OWNER_PASSWORD);
            CityDay.Result r = new CityDay(options).run();
            System.out.println(r.summary());
            assertEquals(List.of(), r.problems());
            int tickets = options.branches() * options.tickets();
            assertEquals(tickets, r.total(t -> t.issuedByService));
            assertEquals(tickets, r.total(t -> t.servedByService) + r.total(t -> t.noShowByService)
                    + r.total(t -> t.cancelledByService));
            // the model did play every kind of outcome
            assertTrue(r.total(t -> t.noShowByService) > 0 && r.total(t -> t.cancelledByService) > 0
                    && r.total(t -> t.transfersByService) > 0, r::summary);
        }
    }
}
