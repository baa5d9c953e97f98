package io.nowserving.desktop.counter;

import io.nowserving.desktop.common.Messages;
import io.nowserving.shared.api.BranchSnapshot.RecentCall;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Below the served ticket: waiting per service and the last calls, beside the waiting list (call one out of turn). */
final class ConsoleLists {
    private final CounterViewModel vm;
    private final Messages words;
    private final HBox root;

    ConsoleLists(CounterViewModel vm) {
        this.vm = vm;
        this.words = vm.words();
        VBox services = column("services.title");
        services.setId("services");
        Runnable fillServices = () -> {
            services.getChildren().setAll(services.getChildren().get(0));
            for (ServiceLine s : vm.services) {
                Label name = new Label(s.name());
                name.getStyleClass().add("service-name");
                Label count = new Label(words.get("services.count", s.waiting()));
                count.getStyleClass().add("service-count");
                Label estimate = new Label(s.estimate());
                estimate.getStyleClass().add("service-estimate");
                services.getChildren().add(new VBox(2, name, count, estimate));
            }
        };
        vm.services.addListener((ListChangeListener<ServiceLine>) c -> fillServices.run());
        fillServices.run();
        ListView<WaitingRow> list = new ListView<>(vm.waiting());
        list.setId("waitingList");
        list.setPlaceholder(new Label(words.get("waiting.empty")));
        list.setCellFactory(v -> new WaitingCell());
        VBox waiting = column("waiting.title");
        waiting.getChildren().add(list);
        VBox.setVgrow(list, Priority.ALWAYS);
        HBox.setHgrow(waiting, Priority.ALWAYS);
        VBox recent = column("recent.title");
        recent.setId("recent");
        Runnable fillRecent = () -> {
            recent.getChildren().setAll(recent.getChildren().get(0));
            for (RecentCall r : vm.recent.subList(0, Math.min(6, vm.recent.size()))) {
                recent.getChildren().add(new Label(words.get("recent.row", r.number(), r.counter())));
            }
        };
        vm.recent.addListener((ListChangeListener<RecentCall>) c -> fillRecent.run());
        fillRecent.run();
        VBox side = new VBox(16, services, recent);
        VBox.setVgrow(recent, Priority.ALWAYS);
        root = new HBox(16, side, waiting);
        root.getStyleClass().add("console-lists");
    }

    Parent root() {
        return root;
    }

    private VBox column(String titleKey) {
        Label title = new Label(words.get(titleKey));
        title.getStyleClass().add("column-title");
        VBox box = new VBox(8, title);
        box.getStyleClass().add("column");
        return box;
    }

    /** A waiting ticket: number, service, a priority mark in words, and Call (asks to confirm first). */
    private final class WaitingCell extends ListCell<WaitingRow> {
        @Override
        protected void updateItem(WaitingRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            Label number = new Label(row.number());
            number.getStyleClass().add("waiting-number");
            Label service = new Label(vm.serviceName(row.service()));
            Label priority = new Label(words.get("waiting.priority"));
            priority.getStyleClass().add("priority");
            priority.setVisible(row.priority());
            priority.setManaged(row.priority());
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            Button call = new Button(words.get("waiting.call"));
            call.setId("call-" + row.number());
            call.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.actionsDisabled.get()
                    || !"open".equals(vm.counterState.get()), vm.actionsDisabled, vm.counterState));
            call.setOnAction(e -> vm.askToCall(row));
            HBox line = new HBox(12, number, service, priority, gap, call);
            line.getStyleClass().add("waiting-row");
            setGraphic(line);
        }
    }
}
