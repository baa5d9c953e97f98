package io.nowserving.desktop.admin;

import io.nowserving.desktop.common.Messages;
import io.nowserving.shared.api.Heatmap;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * Weekday × hour: each cell the mean tickets issued per day in that hour, coloured on a viridis scale (readable
 * with colour-blindness, light text on dark cells); weekdays with no day in the range are hatched grey, so that
 * zero (the scale's first colour, "0") differs from missing data ("–").
 */
final class HeatmapView {
    private final HeatmapViewModel vm;
    private final Messages words;
    private final AdminText text;
    private final GridPane grid = new GridPane();
    private final HBox legend = new HBox(0);
    private final Node root;

    HeatmapView(HeatmapViewModel vm, Messages words) {
        this.vm = vm;
        this.words = words;
        this.text = new AdminText(words);
        grid.setId("heatmap");
        grid.getStyleClass().add("heatmap");
        legend.getStyleClass().add("legend");
        VBox.setVgrow(grid, Priority.ALWAYS);
        vm.heatmap.addListener((o, was, h) -> fill(h));
        Label explain = new Label(words.get("heatmap.explain"));
        explain.setWrapText(true);
        VBox body = new VBox(10, AdminView.range(vm.from, vm.to, vm::load, words, "heatmap"), explain, grid,
                legend);
        body.getStyleClass().add("tab-body");
        root = AdminView.withLoading(body, vm.load, words);
    }

    Node root() {
        return root;
    }

    private void fill(Heatmap h) {
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        legend.getChildren().clear();
        if (h == null) {
            return;
        }
        ColumnConstraints first = new ColumnConstraints();
        first.setMinWidth(64);
        grid.getColumnConstraints().add(first);
        for (int hour = 0; hour < 24; hour++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setHgrow(Priority.ALWAYS);
            c.setPercentWidth(-1);
            c.setMinWidth(30);
            c.setFillWidth(true);
            grid.getColumnConstraints().add(c);
            Label l = new Label(String.format("%02d", hour));
            l.getStyleClass().add("heat-axis");
            l.setMaxWidth(Double.MAX_VALUE);
            l.setAlignment(Pos.CENTER);
            grid.add(l, hour + 1, 0);
        }
        double max = HeatmapViewModel.max(h);
        int row = 1;
        for (Heatmap.Weekday w : h.weekdays()) {
            RowConstraints r = new RowConstraints();
            r.setVgrow(Priority.ALWAYS);
            r.setFillHeight(true);
            r.setMinHeight(28);
            grid.getRowConstraints().add(r);
            Label name = new Label(words.get("weekday." + w.weekday()));
            name.getStyleClass().add("heat-axis");
            grid.add(name, 0, row);
            for (Heatmap.Cell c : w.hours()) {
                grid.add(cell(w, c, max), c.hour() + 1, row);
            }
            row++;
        }
        grid.getRowConstraints().add(0, new RowConstraints());
        legend.getChildren().add(new Label(words.get("heatmap.legend") + "  "));
        for (int i = 0; i <= 5; i++) {
            double v = max * i / 5;
            legend.getChildren().add(swatch(String.format(words.locale(), "%.1f", v), v / max));
        }
        Label missing = swatch(words.get("heatmap.missing"), -1);
        HBox.setMargin(missing, new javafx.geometry.Insets(0, 0, 0, 16));
        legend.getChildren().add(missing);
    }

    private Label cell(Heatmap.Weekday w, Heatmap.Cell c, double max) {
        if (w.days() == 0) {
            Label l = swatch(words.get("none"), -1);
            Tooltip.install(l, new Tooltip(words.get("heatmap.tipMissing", words.get("weekday." + w.weekday()))));
            return l;
        }
        double mean = (double) c.issued() / w.days();
        Label l = swatch(String.format(words.locale(), "%.1f", mean), mean / max);
        l.setId("heat-" + w.weekday() + "-" + c.hour());
        Tooltip.install(l, new Tooltip(words.get("heatmap.tip", words.get("weekday." + w.weekday()),
                String.format("%02d", c.hour()), String.format(words.locale(), "%.1f", mean), c.issued(), w.days(),
                text.duration(c.avgWaitSeconds()))));
        return l;
    }

    /** A coloured box with {@code text}; {@code share} 0..1 on the scale, negative for missing data. */
    private static Label swatch(String text, double share) {
        Label l = new Label(text);
        l.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        l.setMinWidth(30);
        l.setAlignment(Pos.CENTER);
        if (share < 0) {
            l.getStyleClass().add("heat-missing");
        } else {
            Color c = Viridis.at(share);
            l.setStyle("-fx-background-color: " + Viridis.css(c) + "; -fx-text-fill: "
                    + (share < 0.6 ? "white" : "black") + ";");
            l.getStyleClass().add("heat-cell");
        }
        return l;
    }
}
