package io.nowserving.desktop.admin;

import io.nowserving.shared.api.StatsSummary;
import io.nowserving.shared.client.NowServingClient;
import java.time.LocalDate;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The per-service, per-counter and per-clerk figures of a range of business days. */
final class TablesViewModel extends RangeViewModel<StatsSummary> {
    final ObservableList<StatsSummary.ServiceKpis> services = FXCollections.observableArrayList();
    final ObservableList<StatsSummary.CounterKpis> counters = FXCollections.observableArrayList();
    final ObservableList<StatsSummary.ClerkKpis> clerks = FXCollections.observableArrayList();

    TablesViewModel(AdminViewModel vm) {
        super(vm);
    }

    @Override
    StatsSummary fetch(NowServingClient staff, String branch, LocalDate from, LocalDate to) {
        return staff.statsSummary(branch, from, to);
    }

    @Override
    void show(StatsSummary s) {
        services.setAll(s.perService());
        counters.setAll(s.perCounter());
        clerks.setAll(s.perClerk());
    }
}
