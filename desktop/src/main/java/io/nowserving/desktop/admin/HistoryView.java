package io.nowserving.desktop.admin;

import io.nowserving.desktop.common.Messages;
import io.nowserving.shared.api.HistoryItem;
import java.io.File;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The ticket history table, fetching the next page when its last rows come into view; the filters; the CSV
 * export with a progress bar and Cancel.
 */
final class HistoryView {
    private static final List<String> STATUSES = List.of("waiting", "called", "completed", "no_show", "cancelled",
            "reset");
    private final HistoryViewModel vm;
    private final Messages words;
    private final AdminText text;
    private final AdminViewModel admin;
    private final TableView<HistoryItem> table;
    private final Node root;

    HistoryView(HistoryViewModel vm, AdminViewModel admin) {
        this.vm = vm;
        this.words = admin.words();
        this.admin = admin;
        this.text = new AdminText(words);
        table = Tables.table("history", words.get("history.empty"));
        table.getColumns().addAll(List.of(
                Tables.column(words.get("col.number"), HistoryItem::number),
                Tables.column(words.get("col.service"), (HistoryItem i) -> admin.serviceName(i.service())),
                Tables.column(words.get("col.outcome"), HistoryItem::status, s -> words.get("status." + s)),
                Tables.column(words.get("col.counter"), (HistoryItem i) -> admin.counterName(i.counter())),
                Tables.column(words.get("col.issuedAt"), HistoryItem::issuedAt, t -> text.dateTime(t, admin.zone())),
                Tables.column(words.get("col.calledAt"), HistoryItem::calledAt, t -> text.dateTime(t, admin.zone())),
                Tables.column(words.get("col.closedAt"), HistoryItem::closedAt, t -> text.dateTime(t, admin.zone()))));
        table.getColumns().forEach(c -> c.setSortable(false)); // the order is the pages' (issued, id)
        table.setItems(vm.rows);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(HistoryItem item, boolean empty) {
                super.updateItem(item, empty);
                if (item != null && getIndex() >= vm.rows.size() - 10) {
                    vm.loadMore(); // the last rows are in view
                }
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox body = new VBox(10, filters(), table, exportBar());
        body.getStyleClass().add("tab-body");
        root = AdminView.withLoading(body, vm.load, words);
    }

    Node root() {
        return root;
    }

    TableView<HistoryItem> table() {
        return table;
    }

    private Node filters() {
        HBox range = AdminView.range(vm.from, vm.to, vm::reload, words, "history");
        ComboBox<String> service = choice("history-service", id -> id == null ? words.get("history.allServices")
                : admin.serviceName(id));
        admin.serviceIds.addListener((javafx.collections.ListChangeListener<String>) c -> {
            service.getItems().setAll(admin.serviceIds);
            service.getItems().add(0, null);
        });
        service.valueProperty().bindBidirectional(vm.service);
        ComboBox<String> status = choice("history-status", s -> s == null ? words.get("history.allOutcomes")
                : words.get("status." + s));
        status.getItems().add(null);
        status.getItems().addAll(STATUSES);
        status.valueProperty().bindBidirectional(vm.status);
        range.getChildren().addAll(4, List.of(new Label(words.get("col.service")), service,
                new Label(words.get("col.outcome")), status));
        return range;
    }

    /** A drop-down of ids (null for all) shown as {@code shown} says. */
    private static ComboBox<String> choice(String id, java.util.function.Function<String, String> shown) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String s) {
                return shown.apply(s);
            }

            @Override
            public String fromString(String s) {
                return null;
            }
        });
        return box;
    }

    private Node exportBar() {
        Button export = new Button(words.get("export.button"));
        export.setId("export");
        export.disableProperty().bind(vm.exporting);
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(words.get("export.title"));
            chooser.setInitialFileName(words.get("export.fileName"));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(words.get("export.csv"), "*.csv"));
            File f = chooser.showSaveDialog(table.getScene().getWindow());
            if (f != null) {
                vm.export(f.toPath());
            }
        });
        Button cancel = new Button(words.get("export.cancel"));
        cancel.setId("exportCancel");
        cancel.disableProperty().bind(vm.exporting.not());
        cancel.setOnAction(e -> vm.cancelExport());
        ProgressBar progress = new ProgressBar();
        progress.setId("exportProgress");
        progress.setPrefWidth(260);
        progress.progressProperty().bind(vm.exportProgress);
        Label message = new Label();
        message.setId("exportMessage");
        message.textProperty().bind(vm.exportMessage);
        Label count = new Label();
        count.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> words.get(
                vm.complete.get() ? "history.countAll" : "history.countSoFar", vm.rows.size()), vm.rows,
                vm.complete));
        HBox.setHgrow(message, Priority.ALWAYS);
        HBox bar = new HBox(10, count, export, progress, cancel, message);
        bar.getStyleClass().add("toolbar");
        return bar;
    }
}
