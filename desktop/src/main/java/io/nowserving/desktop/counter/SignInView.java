package io.nowserving.desktop.counter;

import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.common.SignInForms;
import io.nowserving.shared.api.CounterView;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The steps before the console: sign-in, a required password change, the branch and the counter. */
final class SignInView {
    private final CounterViewModel vm;
    private final Messages words;
    private final SignInForms forms;
    private final StackPane root = new StackPane();

    SignInView(CounterViewModel vm) {
        this.vm = vm;
        this.words = vm.words();
        this.forms = new SignInForms(words, vm.busy);
        Label problem = new Label();
        problem.getStyleClass().add("problem");
        problem.setId("signInProblem");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problem);
        VBox card = new VBox(16,
                step(CounterViewModel.Screen.SIGN_IN, forms.signIn(vm.session()::signIn)),
                step(CounterViewModel.Screen.CHANGE_PASSWORD, forms.changePassword(vm.session()::changePassword)),
                step(CounterViewModel.Screen.CHOOSE_BRANCH, forms.branches(vm.branches, vm.session()::chooseBranch)),
                step(CounterViewModel.Screen.CHOOSE_COUNTER, counters()), problem);
        card.getStyleClass().add("sign-in-card");
        card.setMaxSize(760, javafx.scene.layout.Region.USE_PREF_SIZE);
        root.getChildren().add(card);
        root.getStyleClass().add("sign-in");
    }

    Parent root() {
        return root;
    }

    private Node step(CounterViewModel.Screen which, Node content) {
        content.visibleProperty().bind(vm.screen.isEqualTo(which));
        content.managedProperty().bind(content.visibleProperty());
        return content;
    }

    private Node counters() {
        FlowPane list = new FlowPane(12, 12);
        Runnable fill = () -> {
            list.getChildren().clear();
            for (CounterView v : vm.counters) {
                boolean taken = v.clerk() != null && !v.clerk().isEmpty();
                Button choose = new Button(words.get("counter.choice", v.name(), words.get("state." + v.state()),
                        words.get(taken ? "counter.inUse" : "counter.free")));
                choose.setId("counter-" + v.id());
                choose.getStyleClass().add("counter-choice");
                choose.disableProperty().bind(vm.busy);
                choose.setOnAction(e -> vm.session().chooseCounter(v.id()));
                list.getChildren().add(choose);
            }
        };
        vm.counters.addListener((ListChangeListener<CounterView>) c -> fill.run());
        fill.run();
        return SignInForms.box(forms.title("counter.title"), list);
    }
}
