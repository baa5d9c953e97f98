package io.nowserving.desktop.admin;

import io.nowserving.shared.api.HistoryItem;
import io.nowserving.shared.api.HistoryPage;
import io.nowserving.shared.api.StatsSummary;
import io.nowserving.shared.client.NowServingClient;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The ticket history: pages in (issued, id) order fetched as the table reaches its last rows (keyset cursor, each
 * id shown once), the history route's filters, and the CSV export of the same filters to a file.
 */
final class HistoryViewModel {
    static final int PAGE = 100;

    final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    /** A service id, or null for all. */
    final StringProperty service = new SimpleStringProperty();
    /** waiting, called, completed, no_show, cancelled or reset; null for all. */
    final StringProperty status = new SimpleStringProperty();
    final ObservableList<HistoryItem> rows = FXCollections.observableArrayList();
    final BooleanProperty complete = new SimpleBooleanProperty();
    final BooleanProperty exporting = new SimpleBooleanProperty();
    final DoubleProperty exportProgress = new SimpleDoubleProperty();
    final StringProperty exportMessage = new SimpleStringProperty("");
    final TabLoad load;

    private final AdminViewModel vm;
    private final Set<String> ids = new HashSet<>();
    private String cursor;
    private int generation;
    private CsvExport export;

    HistoryViewModel(AdminViewModel vm) {
        this.vm = vm;
        this.load = new TabLoad(vm);
    }

    /** Starts again from the first page (filters changed). */
    void reload() {
        if ((from.get() == null) != (to.get() == null)) {
            vm.problem.set(vm.words().get("range.both"));
            return;
        }
        generation++;
        rows.clear();
        ids.clear();
        cursor = null;
        complete.set(false);
        load.loading.set(false);
        loadMore();
    }

    /** The next page, unless one is on its way or the last has come. */
    void loadMore() {
        if (load.loading.get() || complete.get() || vm.branch.get() == null) {
            return;
        }
        int mine = generation;
        String b = vm.branch.get();
        String after = cursor;
        Map<String, String> f = filters();
        load.load(s -> s.admin().history(b, f, after, PAGE), (HistoryPage p) -> {
            if (mine != generation) {
                return;
            }
            for (HistoryItem i : p.items()) {
                if (ids.add(i.id())) {
                    rows.add(i);
                }
            }
            cursor = p.nextCursor();
            complete.set(cursor == null);
        });
    }

    /** The history route's query: only the filters set. */
    Map<String, String> filters() {
        Map<String, String> f = new LinkedHashMap<>();
        if (from.get() != null && to.get() != null) {
            f.put("from", from.get().toString());
            f.put("to", to.get().toString());
        }
        if (service.get() != null) {
            f.put("service", service.get());
        }
        if (status.get() != null) {
            f.put("status", status.get());
        }
        return f;
    }

    /** Writes the filtered history as CSV to {@code file} (tests pass the path; the view asks with a dialog). */
    void export(Path file) {
        NowServingClient staff = vm.staff();
        if (staff == null || exporting.get()) {
            return;
        }
        String b = vm.branch.get();
        Map<String, String> f = filters();
        LocalDate start = from.get();
        LocalDate end = to.get();
        String svc = service.get();
        boolean countable = start != null && status.get() == null;
        var fx = vm.context().fx();
        CsvExport job = new CsvExport(file, out -> staff.admin().exportHistory(b, f, out),
                p -> fx.execute(() -> exportProgress.set(p)));
        export = job;
        exporting.set(true);
        exportProgress.set(0);
        exportMessage.set(vm.words().get("export.running", file.getFileName()));
        vm.context().background().task(() -> {
            job.expect(countable ? expected(staff.statsSummary(b, start, end), svc) : 0);
            return job.run();
        }).onSuccess(rowsWritten -> {
            exportProgress.set(1);
            exportMessage.set(vm.words().get("export.done", rowsWritten, file.getFileName()));
        }).onFailure(e -> {
            exportProgress.set(0);
            exportMessage.set(job.cancelled() ? vm.words().get("export.cancelled")
                    : vm.words().get("export.failed", vm.context().problems().sentence(e)));
        }).onFinally(() -> exporting.set(false)).start();
    }

    void cancelExport() {
        if (export != null) {
            export.cancel();
        }
    }

    private static long expected(StatsSummary s, String service) {
        if (service == null) {
            return s.totals().issued();
        }
        return s.perService().stream().filter(x -> x.service().equals(service)).mapToLong(x -> x.kpis().issued())
                .sum();
    }
}
