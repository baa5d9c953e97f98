package io.nowserving.backend.writebehind;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.api.StatefulRedisConnection;
import io.nowserving.backend.config.ConfigMirror;
import io.nowserving.backend.config.ConfigRepository;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.sql.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Write-behind lag (commit time minus the event's Redis time) at a fixed event rate, and before it the writer's
 * ceiling (a backlog drained as fast as it can). Not part of the suite (no *Test suffix); run it as BENCHMARKS.md
 * says. -Dbench.rate (5000), -Dbench.seconds (20), -Dbench.backlog (50000).
 */
class WriteBehindLagBenchmark {
    @TempDir
    Path dir;

    /**
     * First the ceiling: a backlog of -Dbench.backlog events drained as fast as the writer can (this also warms
     * the JIT, which on 2 cores otherwise takes a core for the first ~20 s), then the lag at -Dbench.rate.
     */
    @Test
    void ceilingThenLagAtAFixedEventRate() throws Exception {
        int backlog = Integer.getInteger("bench.backlog", 50_000);
        int rate = Integer.getInteger("bench.rate", 5000);
        int seconds = Integer.getInteger("bench.seconds", 20);
        try (HistoryFixture f = fixture(); WriteBehind wb = writeBehind(f);
                StatefulRedisConnection<String, String> loadConnection = f.redis.client().connect()) {
            long last = EventLoad.backlog(loadConnection, f.keys, HistoryFixture.BRANCH, backlog);
            long drainStart = System.nanoTime();
            wb.start();
            assertDrained(f);
            double drained = (System.nanoTime() - drainStart) / 1e9;
            System.out.printf("write-behind ceiling on %s: a backlog of %d events drained in %.1f s = %.0f events/s%n",
                    database(), last, drained, last / drained);
            try (EventLoad load = new EventLoad(loadConnection, f.keys, HistoryFixture.BRANCH, rate)) {
                Thread.sleep(3000); // warm-up at the rate (a measuring window, not a wait for a condition)
                wb.status().lag().reset();
                long start = System.nanoTime();
                long before = load.appended();
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                double achieved = (load.appended() - before) / ((System.nanoTime() - start) / 1e9);
                LagHistogram lag = wb.status().lag();
                System.out.printf("write-behind lag on %s at %.0f events/s over %d s: p50 %d ms, p99 %d ms,"
                                + " p99.9 %d ms, max %d ms (%d events)%n", database(), achieved, seconds,
                        lag.quantile(0.5), lag.quantile(0.99), lag.quantile(0.999), lag.quantile(1.0), lag.count());
            }
            assertDrained(f);
        }
    }

    private HistoryFixture fixture() {
        String redisUrl = System.getProperty("nowserving.test.redis.url", "");
        if (redisUrl.isBlank()) {
            throw new IllegalStateException("run with -Dnowserving.test.redis.url=redis://127.0.0.1:6379 (see BENCHMARKS.md)");
        }
        HistoryFixture f = new HistoryFixture(dir, redisUrl);
        Clock clock = Clock.systemUTC();
        try (ConfigMirror mirror = new ConfigMirror(new ConfigRepository(f.db.dataSource()), f.scripts, f.keys,
                new Ids(clock), new com.fasterxml.jackson.databind.ObjectMapper(), clock, b -> 0)) {
            mirror.mirror(f.branch);
        }
        return f;
    }

    private static WriteBehind writeBehind(HistoryFixture f) {
        return new WriteBehind(f.redis.client(), f.scripts, f.r(), f.keys, f.repository, () -> List.of(f.branch),
                "bench", 15000, Clock.systemUTC());
    }

    private static void assertDrained(HistoryFixture f) throws Exception {
        long last = Long.parseLong(f.r().get(f.keys.seq(HistoryFixture.BRANCH)));
        io.nowserving.backend.testing.Await.until(java.time.Duration.ofMinutes(2), "drained",
                () -> f.repository.highestCommittedSeq(HistoryFixture.BRANCH) >= last);
        assertEquals(last, f.count("SELECT COUNT(*) FROM events WHERE branch_id = 'h'"));
    }

    private static String database() {
        return TestDatabases.usingPostgres() ? "PostgreSQL" : "H2";
    }
}
