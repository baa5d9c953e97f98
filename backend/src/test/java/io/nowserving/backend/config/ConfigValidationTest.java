package io.nowserving.backend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.sql.TestDatabase;
import io.nowserving.backend.sql.TestDatabases;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of the configuration records: the failure names its field, and a rejected save writes nothing. */
class ConfigValidationTest {

    @TempDir
    static Path tempDir;
    static TestDatabase test;
    static ConfigRepository repository;
    static BranchConfig stored;

    @BeforeAll
    static void storeOneBranch() {
        test = TestDatabases.create(tempDir);
        repository = new ConfigRepository(test.open().dataSource());
        stored = repository.save(new BranchDraft().build());
    }

    @AfterAll
    static void drop() {
        test.close();
    }

    static Stream<Arguments> invalidDrafts() {
        return Stream.of(
                bad("id", d -> d.id = "Taipei"),
                bad("id", d -> d.id = ""),
                bad("id", d -> d.id = "a".repeat(33)),
                bad("id", d -> d.id = "a_b"),
                bad("id", d -> d.id = null),
                bad("name", d -> d.name = ""),
                bad("name", d -> d.name = "   "),
                bad("name", d -> d.name = "x".repeat(81)),
                bad("name", d -> d.name = "中".repeat(81)),
                bad("name", d -> d.name = "two\nlines"),
                bad("name", d -> d.name = null),
                bad("timeZone", d -> d.timeZone = null),
                bad("businessDayStart", d -> d.businessDayStart = null),
                bad("businessDayStart", d -> d.businessDayStart = LocalTime.of(4, 0, 30)),
                bad("openingHours", d -> d.openingHours = null),
                bad("closedDays", d -> d.closedDays = null),
                bad("closedDays[1]", d -> d.closedDays = Arrays.asList(LocalDate.of(2026, 1, 1), null)),
                bad("version", d -> d.version = -1),
                bad("services", d -> d.services = null),
                bad("services[0]", d -> d.services = Arrays.asList((ServiceConfig) null)),
                bad("id", d -> d.services.add(new ServiceConfig("B", "Bills", "B", null, 1, 1))),
                bad("name", d -> d.services.add(new ServiceConfig("b", "", "B", null, 1, 1))),
                bad("prefix", d -> d.services.add(new ServiceConfig("b", "Bills", "b", null, 1, 1))),
                bad("prefix", d -> d.services.add(new ServiceConfig("b", "Bills", "ABCD", null, 1, 1))),
                bad("prefix", d -> d.services.add(new ServiceConfig("b", "Bills", "", null, 1, 1))),
                bad("prefix", d -> d.services.add(new ServiceConfig("b", "Bills", "A1", null, 1, 1))),
                bad("prefix", d -> d.services.add(new ServiceConfig("b", "Bills", null, null, 1, 1))),
                bad("dailyCapacity", d -> d.services.add(new ServiceConfig("b", "Bills", "B", 0, 1, 1))),
                bad("dailyCapacity", d -> d.services.add(new ServiceConfig("b", "Bills", "B", -5, 1, 1))),
                bad("targetWaitSeconds", d -> d.services.add(new ServiceConfig("b", "Bills", "B", null, -1, 1))),
                bad("noShowGraceSeconds", d -> d.services.add(new ServiceConfig("b", "Bills", "B", null, 1, -1))),
                bad("services[2].id", d -> d.services.add(new ServiceConfig("a", "Again", "B", null, 1, 1))),
                bad("services[2].prefix", d -> d.services.add(new ServiceConfig("b", "Bills", "VIP", null, 1, 1))),
                bad("counters", d -> d.counters = null),
                bad("id", d -> d.counters.add(new CounterConfig("C 4", "Counter 4", List.of("a")))),
                bad("name", d -> d.counters.add(new CounterConfig("c4", "x".repeat(81), List.of("a")))),
                bad("services", d -> d.counters.add(new CounterConfig("c4", "Counter 4", null))),
                bad("services[0]", d -> d.counters.add(new CounterConfig("c4", "Counter 4", List.of("A")))),
                bad("services[1]", d -> d.counters.add(new CounterConfig("c4", "Counter 4", List.of("a", "a")))),
                bad("counters[3].services[1]",
                        d -> d.counters.add(new CounterConfig("c4", "Counter 4", List.of("a", "nope")))),
                bad("counters[3].id", d -> d.counters.add(new CounterConfig("c1", "Counter 1 again", List.of("a")))),
                bad("counters[0].services[0]", d -> d.services.remove(1)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidDrafts")
    void invalidConfigurationNamesItsFieldAndWritesNothing(String field, Consumer<BranchDraft> change) {
        List<BranchConfig> before = repository.findAll();
        BranchDraft draft = new BranchDraft();
        draft.name = "Renamed";
        ConfigValidationException e = assertThrows(ConfigValidationException.class, () -> {
            change.accept(draft);
            repository.save(draft.build());
        });
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
        assertEquals(before, repository.findAll());
        assertEquals(stored, repository.find(stored.id()).orElseThrow());
    }

    @Test
    void theLimitsThemselvesAreAllowed() {
        BranchDraft draft = new BranchDraft();
        draft.id = "a".repeat(32);
        draft.name = "中".repeat(80);
        draft.services.add(new ServiceConfig("0-9", "x".repeat(80), "ZZZ", 1, 0, 0));
        draft.counters.add(new CounterConfig("9", "Z", List.of("0-9", "a", "vip-2")));
        draft.businessDayStart = LocalTime.MIDNIGHT;
        BranchConfig saved = repository.save(draft.build());
        assertEquals(saved, repository.find(draft.id).orElseThrow());
    }

    @Test
    void closedDaysAreKeptSortedWithoutRepeats() {
        BranchDraft draft = new BranchDraft();
        draft.closedDays = List.of(LocalDate.of(2027, 1, 1), LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 1));
        assertEquals(List.of(LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 1)), draft.build().closedDays());
    }

    @Test
    void recordsHoldImmutableCopies() {
        BranchDraft draft = new BranchDraft();
        BranchConfig config = draft.build();
        draft.services.clear();
        assertEquals(2, config.services().size());
        assertThrows(UnsupportedOperationException.class, () -> config.counters().clear());
    }

    private static Arguments bad(String field, Consumer<BranchDraft> change) {
        return Arguments.of(field, change);
    }
}
