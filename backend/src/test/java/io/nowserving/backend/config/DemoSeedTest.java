package io.nowserving.backend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.sql.TestDatabase;
import io.nowserving.backend.sql.TestDatabases;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSeedTest {

    @TempDir
    Path tempDir;
    private TestDatabase test;
    private ConfigRepository repository;

    @BeforeEach
    void open() {
        test = TestDatabases.create(tempDir);
        repository = new ConfigRepository(test.open().dataSource());
    }

    @AfterEach
    void drop() {
        test.close();
    }

    @Test
    void theDemoBranchIsTheOneTheDesignDescribes() {
        BranchConfig main = DemoSeed.demoBranch();
        assertEquals("main", main.id());
        assertEquals("Main branch", main.name());
        assertEquals(ZoneId.of("Asia/Taipei"), main.timeZone());
        assertEquals(LocalTime.of(4, 0), main.businessDayStart());
        assertEquals(OpeningHours.ALWAYS, main.openingHours());
        assertEquals(List.of(), main.closedDays());
        assertTrue(main.remoteQueueing());
        assertEquals(List.of(new ServiceConfig("a", "General", "A", null, 600, 300),
                new ServiceConfig("b", "Account services", "B", null, 600, 300)), main.services());
        assertEquals(List.of(new CounterConfig("1", "Counter 1", List.of("a", "b")),
                new CounterConfig("2", "Counter 2", List.of("a", "b")),
                new CounterConfig("3", "Counter 3", List.of("a", "b"))), main.counters());
    }

    @Test
    void seedsAnEmptyDatabaseOnceOnly() {
        assertTrue(DemoSeed.seedIfEmpty(repository));
        assertFalse(DemoSeed.seedIfEmpty(repository));
        assertEquals(List.of(DemoSeed.demoBranch().withVersion(1)), repository.findAll());
    }

    @Test
    void leavesADatabaseWithAnyBranchAlone() {
        BranchConfig other = repository.save(new BranchDraft().build());
        assertFalse(DemoSeed.seedIfEmpty(repository));
        assertEquals(List.of(other), repository.findAll());
    }

    @Test
    void instancesStartingTogetherSeedOnce() throws Exception {
        int instances = 4;
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> seeded = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            seeded.add(pool.submit(() -> {
                start.await();
                return DemoSeed.seedIfEmpty(repository);
            }));
        }
        start.countDown();
        int count = 0;
        for (Future<Boolean> f : seeded) {
            count += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, count);
        assertEquals(List.of(DemoSeed.demoBranch().withVersion(1)), repository.findAll());
    }
}
