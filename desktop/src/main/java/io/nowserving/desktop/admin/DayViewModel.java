package io.nowserving.desktop.admin;

import io.nowserving.shared.api.HourlyStats;
import java.time.LocalDate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The hourly heat chart of one business day: issued, served and the average wait per local clock hour. */
final class DayViewModel {
    final ObjectProperty<LocalDate> date = new SimpleObjectProperty<>();
    /** The 24 hours of the day last loaded, as the stats route answers them. */
    final ObservableList<HourlyStats.Hour> hours = FXCollections.observableArrayList();
    final ObjectProperty<HourlyStats> loaded = new SimpleObjectProperty<>();
    final TabLoad load;
    private final AdminViewModel vm;

    DayViewModel(AdminViewModel vm) {
        this.vm = vm;
        this.load = new TabLoad(vm);
    }

    void load() {
        LocalDate d = date.get();
        String b = vm.branch.get();
        if (d != null && b != null) {
            load.load(s -> s.hourlyStats(b, d), h -> {
                hours.setAll(h.hours());
                loaded.set(h);
            });
        }
    }
}
