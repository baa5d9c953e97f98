package io.nowserving.desktop.counter;

import io.nowserving.desktop.common.Messages;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The console itself: the ticket being served fills the top left, the lists below it, the actions on the right
 * with Call next largest at the bottom, where the hand rests. Each action's key is printed on its button.
 */
final class ConsoleView {
    private final CounterViewModel vm;
    private final Messages words;
    private final Map<KeyCode, Button> keys = new LinkedHashMap<>();
    private final BorderPane root = new BorderPane();

    ConsoleView(CounterViewModel vm) {
        this.vm = vm;
        this.words = vm.words();
        Label banner = new Label();
        banner.setId("offlineBanner");
        banner.getStyleClass().add("offline-banner");
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.textProperty().bind(vm.offline);
        banner.visibleProperty().bind(vm.offline.isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        root.setTop(new VBox(banner, header()));
        ServingCard card = new ServingCard(vm);
        card.scaleWith(root.heightProperty());
        VBox left = new VBox(16, card.root(), new ConsoleLists(vm).root());
        HBox.setHgrow(left, Priority.ALWAYS);
        VBox.setVgrow(left.getChildren().get(1), Priority.ALWAYS);
        HBox body = new HBox(20, left, actions());
        body.getStyleClass().add("console-body");
        root.setCenter(body);
        root.getStyleClass().add("console");
    }

    Parent root() {
        return root;
    }

    /** The buttons by their keys (the window's key handler fires them, so a key does what its button does). */
    Map<KeyCode, Button> keys() {
        return keys;
    }

    private Node header() {
        Label counter = new Label();
        counter.textProperty().bind(Bindings.createStringBinding(() -> words.get("console.counter",
                vm.counter.get()), vm.counter));
        counter.getStyleClass().add("console-counter");
        Label state = new Label();
        state.setId("counterState");
        state.textProperty().bind(Bindings.createStringBinding(() -> words.get("console.state",
                words.get("state." + vm.counterState.get())), vm.counterState));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button signOut = new Button(words.get("console.signOut"));
        signOut.setId("signOut");
        signOut.disableProperty().bind(vm.busy);
        signOut.setOnAction(e -> vm.session().signOut());
        HBox h = new HBox(24, counter, state, gap, signOut);
        h.getStyleClass().add("console-header");
        return h;
    }

    private Node actions() {
        var noTicket = vm.serving.isNull();
        var closed = vm.counterClosed;
        Button callNext = action("callNext", "action.callNext", KeyCode.F1, vm::callNext,
                vm.actionsDisabled.or(vm.counterState.isNotEqualTo("open")));
        callNext.getStyleClass().add("call-next");
        callNext.setContentDisplay(ContentDisplay.BOTTOM);
        Button recall = action("recall", "action.recall", KeyCode.F2, vm::recall, vm.actionsDisabled.or(noTicket));
        Button complete = action("complete", "action.complete", KeyCode.F3, vm::complete,
                vm.actionsDisabled.or(noTicket));
        Button noShow = action("noShow", "action.noShow", KeyCode.F4, vm::noShow, vm.actionsDisabled.or(noTicket));
        Button transfer = action("transfer", "action.transfer", KeyCode.F5, vm::toggleTransfer,
                vm.actionsDisabled.or(noTicket));
        Button reopen = action("reopen", "action.reopen", KeyCode.F6, vm::reopen,
                vm.actionsDisabled.or(noTicket.not()).or(closed));
        Button pause = action("pause", "action.pause", KeyCode.F7, vm::pauseOrResume, vm.actionsDisabled.or(closed));
        pause.textProperty().bind(Bindings.createStringBinding(() -> words.get("paused".equals(
                vm.counterState.get()) ? "action.resume" : "action.pause"), vm.counterState));
        Button close = action("closeOrOpen", "action.close", KeyCode.F8, vm::closeOrOpen, vm.actionsDisabled);
        close.textProperty().bind(Bindings.createStringBinding(() -> words.get(closed.get() ? "action.open"
                : "action.close"), closed));
        GridPane grid = new GridPane();
        grid.getStyleClass().add("action-grid");
        grid.addRow(0, recall, complete);
        grid.addRow(1, noShow, transfer);
        grid.addRow(2, reopen, pause);
        grid.add(close, 0, 3, 2, 1);
        Label problem = new Label();
        problem.setId("problem");
        problem.getStyleClass().add("problem");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problem);
        Label notice = new Label();
        notice.setId("notice");
        notice.getStyleClass().add("notice");
        notice.setWrapText(true);
        notice.textProperty().bind(vm.notice);
        // a clerk must never wonder whether a click worked: busy shows at once, then the result replaces it
        Label working = new Label(words.get("console.busy"));
        working.setId("working");
        working.getStyleClass().add("notice");
        working.visibleProperty().bind(vm.busy);
        working.managedProperty().bind(vm.busy);
        Region gap = new Region();
        VBox.setVgrow(gap, Priority.ALWAYS);
        VBox box = new VBox(12, new ConsolePrompts(vm).root(), working, problem, notice, gap, grid, callNext);
        box.getStyleClass().add("actions");
        return box;
    }

    private Button action(String id, String textKey, KeyCode key, Runnable command, ObservableBooleanValue off) {
        Button b = new Button(words.get(textKey));
        b.setId(id);
        Label hint = new Label();
        hint.setText(key.getName());
        hint.getStyleClass().add("key");
        b.setGraphic(hint);
        b.setContentDisplay(ContentDisplay.RIGHT);
        b.setMaxWidth(Double.MAX_VALUE);
        b.getStyleClass().add("action");
        b.disableProperty().bind(Bindings.createBooleanBinding(off::get, off));
        b.setOnAction(e -> command.run());
        keys.put(key, b);
        return b;
    }
}
