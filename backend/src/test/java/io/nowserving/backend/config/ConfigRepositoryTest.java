package io.nowserving.backend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.sql.Database;
import io.nowserving.backend.sql.DatabaseException;
import io.nowserving.backend.sql.TestDatabase;
import io.nowserving.backend.sql.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigRepositoryTest {

    @TempDir
    Path tempDir;
    private TestDatabase test;
    private Database db;
    private ConfigRepository repository;

    @BeforeEach
    void open() {
        test = TestDatabases.create(tempDir);
        db = test.open();
        repository = new ConfigRepository(db.dataSource());
    }

    @AfterEach
    void drop() {
        test.close();
    }

    @Test
    void aSavedBranchReadsBackWithEveryField() {
        BranchConfig config = new BranchDraft().build();
        BranchConfig saved = repository.save(config);
        assertEquals(config.withVersion(1), saved);
        assertEquals(Optional.of(saved), repository.find(config.id()));
        BranchConfig found = repository.find(config.id()).orElseThrow();
        assertEquals(null, found.service("a").orElseThrow().dailyCapacity());
        assertEquals(50, found.service("vip-2").orElseThrow().dailyCapacity());
        assertEquals(List.of("vip-2", "a"), found.counter("c1").orElseThrow().services());
        assertEquals(List.of(), found.counter("idle").orElseThrow().services());
        assertEquals(LocalTime.MAX, found.openingHours().days().get(java.time.DayOfWeek.SATURDAY).get(0).close());
        assertEquals(ZoneId.of("America/New_York"), found.timeZone());
    }

    @Test
    void anUnknownBranchIsNotFound() {
        assertEquals(Optional.empty(), repository.find("nope"));
        assertTrue(repository.isEmpty());
        assertEquals(List.of(), repository.findAll());
    }

    @Test
    void theVersionGrowsWithEverySaveAndNeverFalls() {
        BranchDraft draft = new BranchDraft();
        assertEquals(1, repository.save(draft.build()).version());
        assertEquals(2, repository.save(draft.build()).version());
        draft.version = 10;
        assertEquals(11, repository.save(draft.build()).version());
        draft.version = 3;
        assertEquals(12, repository.save(draft.build()).version());
        assertEquals(12, repository.find(draft.id).orElseThrow().version());
    }

    @Test
    void aSaveReplacesServicesAndCountersWhole() {
        BranchDraft draft = new BranchDraft();
        repository.save(draft.build());
        draft.services.remove(0);
        draft.services.add(new ServiceConfig("a", "General again", "G", 10, 60, 30));
        draft.counters = new ArrayList<>(List.of(new CounterConfig("c2", "Two", List.of("a", "vip-2"))));
        draft.remoteQueueing = true;
        draft.closedDays = List.of();
        draft.openingHours = OpeningHours.ALWAYS;
        BranchConfig saved = repository.save(draft.build());
        assertEquals(2, saved.version());
        assertEquals(Optional.of(saved), repository.find(draft.id));
        assertEquals(List.of("vip-2", "a"), saved.services().stream().map(ServiceConfig::id).toList());
    }

    @Test
    void listsBranchesByIdAndFindsThemAll() {
        BranchDraft draft = new BranchDraft();
        List<BranchConfig> saved = new ArrayList<>();
        for (String id : List.of("zeta", "alpha", "m-2")) {
            draft.id = id;
            draft.name = "Branch " + id;
            saved.add(repository.save(draft.build()));
        }
        assertFalse(repository.isEmpty());
        assertEquals(List.of(new BranchSummary("alpha", "Branch alpha"), new BranchSummary("m-2", "Branch m-2"),
                new BranchSummary("zeta", "Branch zeta")), repository.listBranches());
        assertEquals(List.of(saved.get(1), saved.get(2), saved.get(0)), repository.findAll());
    }

    @Test
    void aSaveFailingMidwayLeavesThePreviousConfigurationIntact() throws SQLException {
        BranchDraft draft = new BranchDraft();
        BranchConfig before = repository.save(draft.build());
        // the branch row and the services are written before the counters: make the counters fail
        sql("ALTER TABLE counters ADD CONSTRAINT test_no_explosions CHECK (name <> 'Explode')");
        draft.name = "Changed";
        draft.services.remove(1);
        draft.counters = new ArrayList<>(List.of(new CounterConfig("c9", "Explode", List.of("a"))));
        DatabaseException e = assertThrows(DatabaseException.class, () -> repository.save(draft.build()));
        // integrity constraint violation: 23514 on PostgreSQL, 23513 on H2
        assertTrue(e.sqlState().startsWith("23"), e.getMessage());
        assertEquals(Optional.of(before), repository.find(before.id()));
        sql("ALTER TABLE counters DROP CONSTRAINT test_no_explosions");
        assertEquals(2, repository.save(draft.build()).version());
    }

    @Test
    void dataSurvivesClosingAndReopening() {
        BranchConfig saved = repository.save(new BranchDraft().build());
        db.close();
        try (Database reopened = test.open()) {
            ConfigRepository again = new ConfigRepository(reopened.dataSource());
            assertEquals(Optional.of(saved), again.find(saved.id()));
            assertEquals(2, again.save(new BranchDraft().build()).version());
        }
    }

    @Test
    void concurrentSavesOfOneBranchGetDistinctVersions() throws Exception {
        int threads = 6;
        int saves = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                BranchDraft draft = new BranchDraft();
                draft.name = "Writer " + thread;
                List<Long> versions = new ArrayList<>();
                start.await();
                for (int i = 0; i < saves; i++) {
                    versions.add(repository.save(draft.build()).version());
                }
                return versions;
            }));
        }
        start.countDown();
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : results) {
            all.addAll(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        Collections.sort(all);
        List<Long> expected = new ArrayList<>();
        for (long v = 1; v <= threads * saves; v++) {
            expected.add(v);
        }
        assertEquals(expected, all);
        assertEquals(threads * saves, repository.find(new BranchDraft().id).orElseThrow().version());
    }

    @Test
    void readersNeverSeeHalfASave() throws Exception {
        BranchDraft one = new BranchDraft();
        BranchDraft other = new BranchDraft();
        other.name = "Other layout";
        other.services = new ArrayList<>(List.of(new ServiceConfig("x", "Only", "X", 5, 1, 1)));
        other.counters = new ArrayList<>(List.of(new CounterConfig("cx", "Counter X", List.of("x"))));
        repository.save(one.build());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Integer> writer = pool.submit(() -> {
            int n = 0;
            while (!stop.get()) {
                repository.save((n++ % 2 == 0 ? other : one).build());
            }
            return n;
        });
        Future<Integer> reader = pool.submit(() -> {
            int n = 0;
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            while (System.nanoTime() < end) {
                BranchConfig seen = repository.find(one.id).orElseThrow();
                BranchConfig shape = seen.withVersion(0);
                assertTrue(shape.equals(one.build()) || shape.equals(other.build()), seen.toString());
                n++;
            }
            return n;
        });
        try {
            assertTrue(reader.get(30, TimeUnit.SECONDS) > 10);
        } finally {
            stop.set(true);
            pool.shutdown();
        }
        assertTrue(writer.get(30, TimeUnit.SECONDS) > 10);
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
