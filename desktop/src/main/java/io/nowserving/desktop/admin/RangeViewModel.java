package io.nowserving.desktop.admin;

import io.nowserving.shared.client.NowServingClient;
import java.time.LocalDate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** A tab over a range of business days: its two dates, its loading state, and one call per Show. */
abstract class RangeViewModel<T> {
    final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    final TabLoad load;
    private final AdminViewModel vm;

    RangeViewModel(AdminViewModel vm) {
        this.vm = vm;
        this.load = new TabLoad(vm);
    }

    /** Fetches the range for the chosen branch; a missing or backwards range is said, not sent. */
    void load() {
        LocalDate f = from.get();
        LocalDate t = to.get();
        String b = vm.branch.get();
        if (b == null || !vm.isRange(f, t)) {
            return;
        }
        load.load(s -> fetch(s, b, f, t), this::show);
    }

    abstract T fetch(NowServingClient staff, String branch, LocalDate from, LocalDate to);

    abstract void show(T answer);
}
