package io.nowserving.desktop.admin;

import io.nowserving.shared.api.Heatmap;
import java.time.LocalDate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** Tickets issued by weekday and hour over a range of business days. */
final class HeatmapViewModel {
    final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    final ObjectProperty<Heatmap> heatmap = new SimpleObjectProperty<>();
    final TabLoad load;
    private final AdminViewModel vm;

    HeatmapViewModel(AdminViewModel vm) {
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
        load.load(s -> s.heatmap(b, f, t), heatmap::set);
    }

    /** The largest mean per day of any cell (the top of the colour scale), at least 1. */
    static double max(Heatmap h) {
        double max = 1;
        for (Heatmap.Weekday w : h.weekdays()) {
            for (Heatmap.Cell c : w.hours()) {
                if (w.days() > 0) {
                    max = Math.max(max, (double) c.issued() / w.days());
                }
            }
        }
        return max;
    }
}
