package io.nowserving.desktop.counter;

import io.nowserving.desktop.common.Messages;
import javafx.beans.binding.Bindings;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The customer being served, readable from across the desk: the number huge, then service and times. */
final class ServingCard {
    private final VBox root;

    ServingCard(CounterViewModel vm) {
        Messages words = vm.words();
        Label caption = new Label();
        caption.textProperty().bind(Bindings.createStringBinding(() -> words.get(vm.serving.get() == null
                ? "console.nobody" : "console.serving"), vm.serving));
        caption.getStyleClass().add("serving-caption");
        Label number = new Label();
        number.setId("servingNumber");
        number.getStyleClass().add("serving-number");
        number.textProperty().bind(Bindings.createStringBinding(() -> vm.serving.get() == null ? "\u2014"
                : vm.serving.get().number(), vm.serving));
        Label service = new Label();
        service.setId("servingService");
        service.getStyleClass().add("serving-service");
        service.textProperty().bind(Bindings.createStringBinding(() -> vm.serving.get() == null ? ""
                : vm.serviceName(vm.serving.get().service()), vm.serving));
        Label waited = new Label();
        waited.textProperty().bind(vm.waited);
        Label servingFor = new Label();
        servingFor.setId("servingFor");
        servingFor.textProperty().bind(vm.servingFor);
        HBox times = new HBox(32, waited, servingFor);
        times.getStyleClass().add("serving-times");
        root = new VBox(4, caption, number, service, times);
        root.getStyleClass().add("serving-card");
    }

    /** The number grows with the window: a fifth of its height. */
    void scaleWith(javafx.beans.value.ObservableDoubleValue height) {
        Label number = (Label) root.getChildren().get(1);
        number.styleProperty().bind(Bindings.createStringBinding(() -> String.format(java.util.Locale.ROOT,
                "-fx-font-size: %.0fpx;", Math.max(120, height.get() * 0.2)), height));
    }

    Parent root() {
        return root;
    }
}
