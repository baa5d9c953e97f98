package io.nowserving.backend.history;

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
 * Write-behind lag (commit time minus the event's Redis time) at a fixed event rate. Not part of the suite (no
 * *Test suffix); run it as BENCHMARKS.md says. Rate and duration: -Dbench.rate (5000), -Dbench.seconds (20).
 */
class WriteBehindLagBenchmark {
    @TempDir
    Path dir;

    @Test
    void lagAtAFixedEventRate() throws Exception {
        int rate = Integer.getInteger("bench.rate", 5000);
        int seconds = Integer.getInteger("bench.seconds", 20);
        String redisUrl = System.getProperty("nowserving.test.redis.url", "");
        if (redisUrl.isBlank()) {
            throw new IllegalStateException("run with -Dnowserving.test.redis.url=redis://127.0.0.1:6379 (see BENCHMARKS.md)");
        }
        try (HistoryFixture f = new HistoryFixture(dir, redisUrl)) {
            Clock clock = Clock.systemUTC();
            ConfigRepository configs = new ConfigRepository(f.db.dataSource());
            try (ConfigMirror mirror = new ConfigMirror(configs, f.scripts, f.keys, new Ids(clock),
                    new com.fasterxml.jackson.databind.ObjectMapper(), clock)) {
                mirror.mirror(f.branch);
            }
            try (WriteBehind wb = new WriteBehind(f.redis.client(), f.scripts, f.r(), f.keys, f.repository,
                    () -> List.of(f.branch), "bench", 15000, clock)) {
                wb.start();
                StatefulRedisConnection<String, String> loadConnection = f.redis.client().connect();
                try (EventLoad load = new EventLoad(loadConnection, f.keys, HistoryFixture.BRANCH, rate)) {
                    Thread.sleep(3000); // warm-up: JIT, pool, first batches
                    wb.status().lag().reset();
                    long start = System.nanoTime();
                    long sentBefore = load.sent.get();
                    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                    double achieved = (load.sent.get() - sentBefore) / ((System.nanoTime() - start) / 1e9);
                    LagHistogram lag = wb.status().lag();
                    System.out.printf("write-behind lag on %s at %.0f events/s over %d s: p50 %d ms, p99 %d ms,"
                                    + " p99.9 %d ms, max %d ms (%d events)%n",
                            TestDatabases.usingPostgres() ? "PostgreSQL" : "H2", achieved, seconds, lag.quantile(0.5),
                            lag.quantile(0.99), lag.quantile(0.999), lag.quantile(1.0), lag.count());
                }
                loadConnection.close();
                long last = Long.parseLong(f.r().get(f.keys.seq(HistoryFixture.BRANCH)));
                RecoveryTest.await(() -> f.repository.highestCommittedSeq(HistoryFixture.BRANCH) >= last, "drained");
                assertEquals(last, f.count("SELECT COUNT(*) FROM events WHERE branch_id = 'h'"));
            }
        }
    }
}
