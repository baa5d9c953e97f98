package io.nowserving.desktop.admin;

import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.admin.OverviewViewModel.CounterRow;
import io.nowserving.desktop.admin.OverviewViewModel.Kpi;
import io.nowserving.desktop.admin.OverviewViewModel.ServiceRow;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Today's KPI tiles on top, then the queues per service and the counters, all live. */
final class OverviewView {
    private static final int TILES_PER_ROW = 4;
    private final OverviewViewModel vm;
    private final Messages words;
    private final Node root;

    OverviewView(OverviewViewModel vm, Messages words) {
        this.vm = vm;
        this.words = words;
        GridPane tiles = new GridPane();
        tiles.setId("kpis");
        tiles.getStyleClass().add("kpis");
        for (int i = 0; i < TILES_PER_ROW; i++) {
            javafx.scene.layout.ColumnConstraints c = new javafx.scene.layout.ColumnConstraints();
            c.setPercentWidth(100.0 / TILES_PER_ROW);
            tiles.getColumnConstraints().add(c);
        }
        vm.kpis.addListener((ListChangeListener<Kpi>) c -> fill(tiles));
        Label queuesTitle = section("overview.queues");
        Label countersTitle = section("overview.counters");
        VBox queues = new VBox(8, queuesTitle, services());
        VBox counters = new VBox(8, countersTitle, counters());
        HBox.setHgrow(queues, Priority.ALWAYS);
        HBox.setHgrow(counters, Priority.ALWAYS);
        queues.setPrefWidth(1);
        counters.setPrefWidth(1);
        HBox lists = new HBox(20, queues, counters);
        VBox.setVgrow(lists, Priority.ALWAYS);
        VBox body = new VBox(16, section("overview.today"), tiles, lists);
        body.getStyleClass().add("tab-body");
        // the spinner until the first figures; later refreshes replace them without covering them
        root = AdminView.withLoading(body, vm.load.loading.and(javafx.beans.binding.Bindings.isEmpty(vm.kpis)),
                words);
    }

    Node root() {
        return root;
    }

    private void fill(GridPane tiles) {
        tiles.getChildren().clear();
        int i = 0;
        for (Kpi k : vm.kpis) {
            Label label = new Label(k.label());
            label.getStyleClass().add("kpi-label");
            Label value = new Label(k.value());
            value.getStyleClass().add("kpi-value");
            value.setId("kpi-" + k.id());
            Label detail = new Label(k.detail());
            detail.getStyleClass().add("kpi-detail");
            detail.setWrapText(true);
            VBox tile = new VBox(2, label, value, detail);
            tile.getStyleClass().add("kpi");
            tile.setMaxWidth(Double.MAX_VALUE);
            tiles.add(tile, i % TILES_PER_ROW, i / TILES_PER_ROW);
            i++;
        }
    }

    private TableView<ServiceRow> services() {
        TableView<ServiceRow> t = Tables.table("services", words.get("overview.noServices"));
        t.getColumns().add(Tables.column(words.get("col.service"), ServiceRow::name));
        t.getColumns().add(Tables.column(words.get("col.waiting"), ServiceRow::waiting));
        t.getColumns().add(Tables.column(words.get("col.longestWait"), ServiceRow::longestWait));
        t.getColumns().add(Tables.column(words.get("col.estimate"), ServiceRow::estimate));
        t.setItems(vm.services);
        VBox.setVgrow(t, Priority.ALWAYS);
        return t;
    }

    private TableView<CounterRow> counters() {
        TableView<CounterRow> t = Tables.table("counters", words.get("overview.noCounters"));
        t.getColumns().add(Tables.column(words.get("col.counter"), CounterRow::name));
        t.getColumns().add(Tables.column(words.get("col.state"), CounterRow::state));
        t.getColumns().add(Tables.column(words.get("col.serving"), CounterRow::serving));
        t.getColumns().add(Tables.column(words.get("col.clerk"), CounterRow::clerk));
        t.setItems(vm.counters);
        VBox.setVgrow(t, Priority.ALWAYS);
        return t;
    }

    private Label section(String key) {
        Label l = new Label(words.get(key));
        l.getStyleClass().add("section");
        return l;
    }
}
