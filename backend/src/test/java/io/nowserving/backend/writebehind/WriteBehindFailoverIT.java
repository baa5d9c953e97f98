package io.nowserving.backend.writebehind;

import static io.nowserving.backend.writebehind.JarFixture.await;
import static io.nowserving.backend.writebehind.JarFixture.leads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.api.StatefulRedisConnection;
import io.nowserving.backend.testing.BackendProcess;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two backend JVMs (the packaged jar) on one Redis and one database ({@link JarFixture}: H2 in server mode, or the
 * machine's PostgreSQL when configured), lease TTL 3 s. Load: real {@code ticket.issued} envelopes appended into the
 * branch stream from the test at {@value #RATE} a second ({@link EventLoad}), as a burst that starts 2 s before the
 * leader is disturbed and lasts until 1 s after the survivor has taken over.
 */
class WriteBehindFailoverIT {
    private static final int RATE = 2500;
    private static final int REQUIRED_RATE = 2000;
    /**
     * Beyond the TTL: the survivor retries every TTL/3 (1 s) and a loaded 2-core machine may delay a JVM's timers
     * by a second or two.
     */
    private static final long MARGIN_MS = 3000;

    @TempDir
    Path dir;

    @Test
    void killingTheLeaderAt2000EventsASecondHandsTheLeaseOverAndSqlHoldsEveryEventExactlyOnce() throws Exception {
        try (JarFixture f = new JarFixture(dir)) {
            BackendProcess a = f.startLeader("a");
            String holderA = f.leaseHolder();
            BackendProcess b = f.start("b");
            String staff = JarFixture.signIn(b);
            for (String c : new String[] {"1", "2", "3"}) {
                assertEquals(200, b.send("POST", "/api/v1/branches/main/counters/" + c + "/open", null,
                        "Authorization", "Bearer " + staff).status());
            }
            long takeoverMs;
            double rate;
            long events;
            try (StatefulRedisConnection<String, String> c = f.redisConnection().client().connect();
                    EventLoad load = new EventLoad(c, f.keys, "main", RATE)) {
                long start = System.nanoTime();
                await("2 s of load before the kill", () -> System.nanoTime() - start > TimeUnit.SECONDS.toNanos(2));
                long killed = System.nanoTime();
                a.kill();
                await("the survivor takes the lease", () -> {
                    String h = f.leaseHolder();
                    return h != null && !h.equals(holderA);
                });
                long takeover = System.nanoTime();
                takeoverMs = TimeUnit.NANOSECONDS.toMillis(takeover - killed);
                await("1 s of load after the takeover", () -> System.nanoTime() - takeover > TimeUnit.SECONDS.toNanos(1));
                events = load.appended();
                rate = events / ((System.nanoTime() - start) / 1e9);
                assertEquals(0, load.failed(), "every append answered");
            }
            System.out.printf("failover on %s: %d events appended at %.0f events/s over the burst spanning the kill;"
                    + " takeover %d ms after kill -9 (TTL %d ms + margin %d ms)%n", f.database(), events, rate,
                    takeoverMs, JarFixture.TTL_MS, MARGIN_MS);
            assertTrue(rate >= REQUIRED_RATE, "load reached only " + Math.round(rate) + " events/s");
            assertTrue(takeoverMs <= JarFixture.TTL_MS + MARGIN_MS, "takeover took " + takeoverMs + " ms");
            await("the survivor reports it leads", () -> leads(b));
            f.assertSqlHoldsTheStreamExactlyOnce("main");
            assertEquals(f.leaseToken(), f.fenceToken(), "SQL's fence is the survivor's token");
        }
    }

    @Test
    void aLeaderFrozenPastItsLeaseGetsNoWriteAcceptedAfterItResumesAndStepsDown() throws Exception {
        try (JarFixture f = new JarFixture(dir)) {
            BackendProcess a = f.startLeader("a");
            String holderA = f.leaseHolder();
            long tokenA = f.leaseToken();
            await("A claims its token in SQL", () -> f.fenceToken() == tokenA);
            BackendProcess b = f.start("b");
            long tokenB;
            try (StatefulRedisConnection<String, String> c = f.redisConnection().client().connect();
                    EventLoad load = new EventLoad(c, f.keys, "main", RATE)) {
                await("A writes while it leads", () -> f.committedSeq("main") > 1000);
                long frozen = System.nanoTime();
                a.suspend(); // SIGSTOP: a GC pause or a suspended VM far longer than the lease
                try {
                    await("B takes the lease while A is frozen", () -> {
                        String h = f.leaseHolder();
                        return h != null && !h.equals(holderA);
                    });
                    long takeoverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozen);
                    assertTrue(takeoverMs <= JarFixture.TTL_MS + MARGIN_MS, "takeover took " + takeoverMs + " ms");
                    // frozen for at least a whole TTL after B took over
                    long held = System.nanoTime();
                    await("A stays frozen past the lease", () -> System.nanoTime() - held
                            > TimeUnit.MILLISECONDS.toNanos(JarFixture.TTL_MS));
                } finally {
                    a.resume();
                }
                tokenB = f.leaseToken();
                assertTrue(tokenB > tokenA, "B's token " + tokenB + " after A's " + tokenA);
                await("A steps down after resuming", () -> !leads(a) && a.output().stream()
                        .anyMatch(l -> l.contains("lost the lease") || l.contains("fenced out")));
                await("B claims its token in SQL", () -> f.fenceToken() == tokenB);
                long afterResume = Long.parseLong(f.redis().get(f.keys.seq("main")));
                await("B writes what came after A resumed", () -> f.committedSeq("main") > afterResume);
                assertEquals(0, load.failed(), "every append answered");
            }
            f.assertSqlHoldsTheStreamExactlyOnce("main");
            assertEquals(tokenB, f.leaseToken(), "A did not take the lease back");
            assertEquals(tokenB, f.fenceToken(), "SQL's fence is still B's token");
            assertTrue(leads(b), "B still leads");
            assertFalse(leads(a), "A does not lead");
            System.out.printf("paused leader on %s: A (token %d) frozen past its lease, B took over with token %d;"
                    + " after SIGCONT A stepped down and SQL holds every event once%n", f.database(), tokenA, tokenB);
        }
    }
}
