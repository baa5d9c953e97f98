package io.nowserving.desktop.admin;

import static io.nowserving.desktop.admin.AdminFixture.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.testing.TestBackend;
import io.nowserving.backend.testing.TestBranches;
import io.nowserving.desktop.common.Background;
import io.nowserving.desktop.common.FxThread;
import io.nowserving.desktop.testing.Fx;
import io.nowserving.shared.api.HistoryItem;
import io.nowserving.shared.api.HourlyStats;
import io.nowserving.shared.client.NowServingClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The admin app against a real in-process backend: the scripted day, live overview, history paging, export. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminTest {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    private Path dir;
    private TestBackend backend;
    private Background background;

    @BeforeAll
    void start(@TempDir Path tmp) {
        dir = tmp;
        Fx.start();
        backend = TestBackend.start(dir.resolve("backend"), TestBranches.branch("k", 2, null),
                TestBranches.branch("h", 1, null), TestBranches.branch("live", 2, null));
        background = Background.start("admin-test", FxThread.platform());
    }

    @AfterAll
    void stop() {
        background.close();
        backend.close();
    }

    private AdminApp open(String branch) {
        return AdminFixture.open(backend, branch, dir, background, Locale.ENGLISH, 1280, 800);
    }

    private NowServingClient owner() {
        return NowServingClient.builder("http://127.0.0.1:" + backend.port()).bearerToken(backend.ownerToken())
                .build();
    }

    @Test
    void theDayTabShowsTheSameHourlyFiguresAsTheStatsApiForAScriptedDay() {
        LocalDate d = LocalDate.now(TAIPEI).plusDays(1).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        at("k", d, "07:55");
        assertEquals(200, backend.counter("k", "1", "open").status());
        at("k", d, "08:00");
        backend.issue("k", "a");
        at("k", d, "08:10");
        backend.issue("k", "b");
        at("k", d, "08:20");
        backend.counter("k", "1", "call-next");
        at("k", d, "08:30");
        backend.counter("k", "1", "complete");
        at("k", d, "09:05");
        backend.issue("k", "a");
        at("k", d, "09:10");
        backend.counter("k", "1", "call-next");
        at("k", d, "09:15");
        backend.counter("k", "1", "no-show");
        at("k", d, "09:20");
        backend.counter("k", "1", "call-next");
        at("k", d, "09:40");
        backend.counter("k", "1", "complete");
        at("k", d, "10:00");
        backend.issue("k", "a");
        AdminFixture.committed(backend, "k");

        AdminApp app = open("k");
        try (NowServingClient owner = owner()) {
            Fx.run(() -> {
                app.view().show("day");
                app.viewModel().day().date.set(d);
                app.viewModel().day().load();
            });
            waitFor(() -> Fx.call(() -> app.viewModel().day().loaded.get() != null
                    && d.toString().equals(app.viewModel().day().loaded.get().date())));
            List<HourlyStats.Hour> api = owner.hourlyStats("k", d).hours();
            List<HourlyStats.Hour> shown = Fx.call(() -> List.copyOf(app.viewModel().day().hours));
            assertEquals(api, shown);
            assertEquals(4, shown.stream().mapToInt(HourlyStats.Hour::issued).sum(), "the script issued 4");
            assertEquals(2, shown.get(8).issued());
            // and the chart draws those numbers
            @SuppressWarnings("unchecked")
            BarChart<String, Number> chart = (BarChart<String, Number>) Fx.call(() -> app.view().root()
                    .lookup("#day-tickets"));
            List<Integer> issuedBars = Fx.call(() -> chart.getData().get(0).getData().stream()
                    .map(XYChart.Data::getYValue).map(Number::intValue).toList());
            assertEquals(api.stream().map(HourlyStats.Hour::issued).toList(), issuedBars);
            List<Integer> servedBars = Fx.call(() -> chart.getData().get(1).getData().stream()
                    .map(XYChart.Data::getYValue).map(Number::intValue).toList());
            assertEquals(api.stream().map(HourlyStats.Hour::served).toList(), servedBars);
        } finally {
            Fx.run(app::close);
        }
    }

    @Test
    void historyPagesThroughAThousandTicketsAsTheTableScrollsWithoutDuplicates() throws Exception {
        AdminFixture.seedIssued(backend, "h", 1000);
        AdminApp app = open("h");
        try {
            Fx.run(() -> app.view().show("history"));
            @SuppressWarnings("unchecked")
            TableView<HistoryItem> table = (TableView<HistoryItem>) Fx.call(() -> app.view().root()
                    .lookup("#history"));
            HistoryViewModel vm = app.viewModel().history();
            waitFor(() -> Fx.call(() -> vm.rows.size() >= HistoryViewModel.PAGE));
            assertFalse(Fx.call(vm.complete::get), "one page at first, not everything");
            waitFor(() -> Fx.call(() -> {
                table.scrollTo(vm.rows.size() - 1); // the user scrolls to the end; the last rows load the next page
                return vm.complete.get();
            }));
            List<String> ids = Fx.call(() -> vm.rows.stream().map(HistoryItem::id).toList());
            Set<String> distinct = new HashSet<>(ids);
            assertEquals(1000, distinct.size());
            assertEquals(1000, ids.size(), "no ticket twice");

            // the CSV export of the same history: header and one row per ticket, progress to 100 %
            Path file = dir.resolve("export").resolve("history.csv");
            Files.createDirectories(file.getParent());
            LocalDate today = LocalDate.now(TAIPEI);
            Fx.run(() -> {
                vm.from.set(today.minusDays(2));
                vm.to.set(today.plusDays(1));
                vm.export(file);
            });
            waitFor(() -> Fx.call(() -> !vm.exporting.get()));
            assertEquals(1.0, Fx.call(vm.exportProgress::get));
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            assertEquals(1001, lines.size(), "a header and 1,000 tickets");
            assertTrue(lines.get(0).contains("number"), lines.get(0));
            assertEquals("Saved 1,000 tickets to history.csv.", Fx.call(vm.exportMessage::get));
            try (var left = Files.list(file.getParent())) {
                assertEquals(List.of(file), left.toList(), "no part file left behind");
            }
        } finally {
            Fx.run(app::close);
        }
    }

    @Test
    void theOverviewFollowsTicketsTakenAndCalledThroughOtherClients() {
        AdminApp app = open("live");
        try {
            OverviewViewModel vm = app.viewModel().overview();
            waitFor(() -> Fx.call(() -> vm.kpis.size() == 8 && vm.services.size() == 2));
            assertEquals(0, Fx.call(() -> vm.services.get(0).waiting()));
            int before = Fx.call(vm::refreshes);
            long started = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                assertEquals(201, backend.issue("live", "a").status());
            }
            waitFor(() -> Fx.call(() -> vm.services.get(0).waiting() == 10));
            waitFor(() -> Fx.call(() -> vm.kpis.get(0).value().equals("10")));
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            int refreshes = Fx.call(vm::refreshes) - before;
            assertTrue(refreshes <= seconds + 2, refreshes + " summary fetches in " + seconds + " s");

            assertEquals(200, backend.counter("live", "1", "open").status());
            assertEquals(200, backend.counter("live", "1", "call-next").status());
            waitFor(() -> Fx.call(() -> vm.counters.get(0).serving().equals("A001")));
            assertEquals("clerk", Fx.call(() -> vm.counters.get(0).clerk()), "the clerk by user name");
            assertEquals("Open", Fx.call(() -> vm.counters.get(0).state()));
            waitFor(() -> Fx.call(() -> vm.services.get(0).waiting() == 9));
        } finally {
            Fx.run(app::close);
        }
    }

    @Test
    void aClerkIsToldThatTheAnalyticsNeedAnAdmin() {
        AdminApp app = Fx.call(() -> AdminApp.open(new javafx.stage.Stage(), new io.nowserving.desktop.common
                .AppContext(new io.nowserving.desktop.common.DesktopSettings(io.nowserving.desktop.common.Mode.ADMIN,
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), Locale.ENGLISH, 0, false, List.of(), dir),
                "http://127.0.0.1:" + backend.port(), FxThread.platform(), background, java.time.Clock.systemUTC(),
                s -> s)));
        try {
            Fx.run(() -> app.viewModel().signIn("clerk", TestBackend.CLERK_PASSWORD));
            waitFor(() -> Fx.call(() -> !app.viewModel().problem.get().isEmpty()));
            assertEquals("The analytics need an admin or owner account. Ask your administrator for one.",
                    Fx.call(app.viewModel().problem::get));
            assertEquals(AdminViewModel.Screen.SIGN_IN, Fx.call(app.viewModel().screen::get));
        } finally {
            Fx.run(app::close);
        }
    }

    private void at(String branch, LocalDate day, String hhmm) {
        backend.moveClock(branch, day.atTime(LocalTime.parse(hhmm)).atZone(TAIPEI).toInstant().toEpochMilli()
                - System.currentTimeMillis());
    }
}
