package io.nowserving.desktop.admin;

import io.nowserving.shared.api.Heatmap;
import io.nowserving.shared.client.NowServingClient;
import java.time.LocalDate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** Tickets issued by weekday and hour over a range of business days. */
final class HeatmapViewModel extends RangeViewModel<Heatmap> {
    final ObjectProperty<Heatmap> heatmap = new SimpleObjectProperty<>();

    HeatmapViewModel(AdminViewModel vm) {
        super(vm);
    }

    @Override
    Heatmap fetch(NowServingClient staff, String branch, LocalDate from, LocalDate to) {
        return staff.heatmap(branch, from, to);
    }

    @Override
    void show(Heatmap answer) {
        heatmap.set(answer);
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
