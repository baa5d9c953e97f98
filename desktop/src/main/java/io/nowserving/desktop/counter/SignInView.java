package io.nowserving.desktop.counter;

import io.nowserving.desktop.common.Messages;
import io.nowserving.shared.api.BranchSummary;
import io.nowserving.shared.api.CounterView;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The steps before the console: sign-in, a required password change, the branch and the counter. */
final class SignInView {
    private final CounterViewModel vm;
    private final Messages words;
    private final StackPane root = new StackPane();

    SignInView(CounterViewModel vm) {
        this.vm = vm;
        this.words = vm.words();
        Label problem = new Label();
        problem.getStyleClass().add("problem");
        problem.setId("signInProblem");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problem);
        VBox card = new VBox(16, step(CounterViewModel.Screen.SIGN_IN, signIn()),
                step(CounterViewModel.Screen.CHANGE_PASSWORD, changePassword()),
                step(CounterViewModel.Screen.CHOOSE_BRANCH, branches()),
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

    private Node signIn() {
        TextField user = new TextField();
        user.setId("username");
        user.setPromptText(words.get("signIn.username"));
        PasswordField password = new PasswordField();
        password.setId("password");
        password.setPromptText(words.get("signIn.password"));
        Button go = primary("signIn", words.get("signIn.submit"));
        go.setOnAction(e -> {
            vm.session().signIn(user.getText(), password.getText());
            password.clear();
        });
        password.setOnAction(go.getOnAction());
        user.setOnAction(e -> password.requestFocus());
        return box(title("signIn.title"), label("signIn.username"), user, label("signIn.password"), password, go);
    }

    private Node changePassword() {
        PasswordField first = new PasswordField();
        first.setId("newPassword");
        PasswordField again = new PasswordField();
        again.setId("repeatPassword");
        Button go = primary("changePassword", words.get("password.submit"));
        go.setOnAction(e -> vm.session().changePassword(first.getText(), again.getText()));
        again.setOnAction(go.getOnAction());
        Label explain = label("password.explain");
        explain.setWrapText(true);
        return box(title("password.title"), explain, label("password.new"), first, label("password.repeat"), again,
                go);
    }

    private Node branches() {
        FlowPane list = new FlowPane(12, 12);
        vm.branches.addListener((ListChangeListener<BranchSummary>) c -> {
            list.getChildren().clear();
            for (BranchSummary b : vm.branches) {
                Button choose = primary("branch-" + b.id(), b.name());
                choose.setOnAction(e -> vm.session().chooseBranch(b.id()));
                list.getChildren().add(choose);
            }
        });
        return box(title("branch.title"), list);
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
        return box(title("counter.title"), list);
    }

    private Button primary(String id, String text) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add("primary");
        b.disableProperty().bind(vm.busy);
        return b;
    }

    private Label title(String key) {
        Label l = label(key);
        l.getStyleClass().add("title");
        return l;
    }

    private Label label(String key) {
        return new Label(words.get(key));
    }

    private static VBox box(Node... children) {
        VBox b = new VBox(10, children);
        b.setFillWidth(true);
        return b;
    }
}
