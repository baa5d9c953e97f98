package io.nowserving.desktop.admin;

import io.nowserving.desktop.common.Messages;
import io.nowserving.shared.api.HourlyStats;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The hourly heat chart of a day: tickets issued and served per hour (bars), the average wait (a line). */
final class DayView {
    private final DayViewModel vm;
    private final Messages words;
    private final AdminText text;
    private final BarChart<String, Number> tickets;
    private final BarChart<String, Number> waits;
    private final Node root;

    DayView(DayViewModel vm, Messages words) {
        this.vm = vm;
        this.words = words;
        this.text = new AdminText(words);
        DatePicker date = new DatePicker();
        date.setId("day-date");
        date.valueProperty().bindBidirectional(vm.date);
        Button show = new Button(words.get("range.show"));
        show.setId("day-show");
        show.getStyleClass().add("primary");
        show.setOnAction(e -> vm.load());
        HBox bar = new HBox(10, new Label(words.get("day.date")), date, show);
        bar.getStyleClass().add("toolbar");

        tickets = new BarChart<>(axis(), yAxis("day.axis.tickets"));
        tickets.setId("day-tickets");
        tickets.setTitle(words.get("day.tickets.title"));
        tickets.setAnimated(false);
        tickets.setCategoryGap(6);
        tickets.setBarGap(1);
        waits = new BarChart<>(axis(), yAxis("day.axis.wait"));
        waits.setId("day-waits");
        waits.setTitle(words.get("day.wait.title"));
        waits.setAnimated(false);
        waits.setCategoryGap(6);
        VBox.setVgrow(tickets, Priority.ALWAYS);
        VBox.setVgrow(waits, Priority.ALWAYS);
        waits.setPrefHeight(200);
        tickets.setPrefHeight(320);
        vm.hours.addListener((ListChangeListener<HourlyStats.Hour>) c -> fill());
        VBox body = new VBox(10, bar, tickets, waits);
        body.getStyleClass().add("tab-body");
        root = AdminView.withLoading(body, vm.load, words);
    }

    Node root() {
        return root;
    }

    private CategoryAxis axis() {
        CategoryAxis x = new CategoryAxis();
        x.setLabel(words.get("day.axis.hour"));
        x.setAnimated(false);
        return x;
    }

    private NumberAxis yAxis(String key) {
        NumberAxis y = new NumberAxis();
        y.setLabel(words.get(key));
        y.setAnimated(false);
        y.setForceZeroInRange(true);
        return y;
    }

    private void fill() {
        XYChart.Series<String, Number> issued = new XYChart.Series<>();
        issued.setName(words.get("day.issued"));
        XYChart.Series<String, Number> served = new XYChart.Series<>();
        served.setName(words.get("day.served"));
        XYChart.Series<String, Number> wait = new XYChart.Series<>();
        wait.setName(words.get("day.avgWait"));
        for (HourlyStats.Hour h : vm.hours) {
            String hour = String.format("%02d", h.hour());
            String tip = words.get("day.tip", hour, h.issued(), h.served(), h.noShow(),
                    text.duration(h.avgWaitSeconds()));
            issued.getData().add(tipped(new XYChart.Data<>(hour, h.issued()), tip));
            served.getData().add(tipped(new XYChart.Data<>(hour, h.served()), tip));
            // an hour without calls has no average: no bar, and its tooltip says so
            wait.getData().add(tipped(new XYChart.Data<>(hour, h.avgWaitSeconds() == null ? 0
                    : h.avgWaitSeconds() / 60.0), tip));
        }
        tickets.getData().setAll(java.util.List.of(issued, served));
        waits.getData().setAll(java.util.List.of(wait));
    }

    private static XYChart.Data<String, Number> tipped(XYChart.Data<String, Number> d, String tip) {
        d.nodeProperty().addListener((o, was, node) -> {
            if (node != null) {
                Tooltip.install(node, new Tooltip(tip));
            }
        });
        return d;
    }
}
