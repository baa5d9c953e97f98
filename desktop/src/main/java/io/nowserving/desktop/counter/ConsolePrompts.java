package io.nowserving.desktop.counter;

import io.nowserving.desktop.common.Messages;
import io.nowserving.shared.api.BranchSnapshot.ServiceStatus;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** The two questions the console asks in place: call this ticket out of turn? transfer to which service? */
final class ConsolePrompts {
    private final VBox root;

    ConsolePrompts(CounterViewModel vm) {
        Messages words = vm.words();
        Label question = new Label();
        question.setWrapText(true);
        question.textProperty().bind(Bindings.createStringBinding(() -> vm.pendingCall.get() == null ? ""
                : words.get("waiting.confirm", vm.pendingCall.get().number()), vm.pendingCall));
        Button yes = new Button();
        yes.setId("confirmCall");
        yes.getStyleClass().add("primary");
        yes.textProperty().bind(Bindings.createStringBinding(() -> vm.pendingCall.get() == null ? ""
                : words.get("waiting.confirmYes", vm.pendingCall.get().number()), vm.pendingCall));
        yes.setOnAction(e -> vm.confirmCall());
        Button no = new Button(words.get("waiting.confirmNo"));
        no.setOnAction(e -> vm.cancelCall());
        Node confirm = shown(new VBox(8, question, new FlowPane(8, 8, yes, no)), vm.pendingCall.isNotNull());

        Label to = new Label();
        to.textProperty().bind(Bindings.createStringBinding(() -> vm.serving.get() == null ? ""
                : words.get("transfer.title", vm.serving.get().number()), vm.serving));
        FlowPane targets = new FlowPane(8, 8);
        Runnable fill = () -> {
            targets.getChildren().clear();
            for (ServiceStatus s : vm.transferTargets) {
                Button b = new Button(s.name());
                b.setId("transfer-" + s.id());
                b.getStyleClass().add("primary");
                b.setOnAction(e -> vm.transfer(s.id()));
                targets.getChildren().add(b);
            }
            Button cancel = new Button(words.get("transfer.cancel"));
            cancel.setOnAction(e -> vm.transferOpen.set(false));
            targets.getChildren().add(cancel);
        };
        vm.transferTargets.addListener((ListChangeListener<ServiceStatus>) c -> fill.run());
        fill.run();
        Node transfer = shown(new VBox(8, to, targets), vm.transferOpen);
        root = new VBox(8, confirm, transfer);
        root.getStyleClass().add("prompts");
    }

    Parent root() {
        return root;
    }

    private static Node shown(VBox box, javafx.beans.value.ObservableBooleanValue when) {
        box.getStyleClass().add("prompt");
        box.visibleProperty().bind(Bindings.createBooleanBinding(when::get, when));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }
}
