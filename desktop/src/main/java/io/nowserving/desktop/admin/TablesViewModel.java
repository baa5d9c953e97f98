package io.nowserving.desktop.admin;

import io.nowserving.shared.api.StatsSummary;
import java.time.LocalDate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The per-service, per-counter and per-clerk figures of a range of business days. */
final class TablesViewModel {
    final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    final ObservableList<StatsSummary.ServiceKpis> services = FXCollections.observableArrayList();
    final ObservableList<StatsSummary.CounterKpis> counters = FXCollections.observableArrayList();
    final ObservableList<StatsSummary.ClerkKpis> clerks = FXCollections.observableArrayList();
    final TabLoad load;
    private final AdminViewModel vm;

    TablesViewModel(AdminViewModel vm) {
        this.vm = vm;
        this.load = new TabLoad(vm);
    }

    void load() {
        LocalDate f = from.get();
        LocalDate t = to.get();
        String b = vm.branch.get();
        if (b == null || !vm.isRange(f, t)) {
            return;
        }
        load.load(s -> s.statsSummary(b, f, t), s -> {
            services.setAll(s.perService());
            counters.setAll(s.perCounter());
            clerks.setAll(s.perClerk());
        });
    }
}
